"""The network's section of the XML sitemap (core.sitemap_xml, hook "kb_sitemap_sections")."""

from core.sitemap_xml import SectionSitemap
from kb.models import CooperativePage, HomePage, NetworkPage, RegionPage


class NetworkSitemap(SectionSitemap):
    page_types = (HomePage, NetworkPage, RegionPage, CooperativePage)
