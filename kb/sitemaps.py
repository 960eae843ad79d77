"""The network's section of the XML sitemap (kb.sitemap_xml, hook "kb_sitemap_sections")."""

from kb.models import CooperativePage, HomePage, NetworkPage, RegionPage
from kb.sitemap_xml import SectionSitemap


class NetworkSitemap(SectionSitemap):
    page_types = (HomePage, NetworkPage, RegionPage, CooperativePage)
