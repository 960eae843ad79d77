"""The practices' section of the XML sitemap (core.sitemap_xml, hook "kb_sitemap_sections")."""

from core.sitemap_xml import SectionSitemap
from practices.models import ChecklistPage, PracticeCategoryPage, PracticeIndexPage, ProcedurePage


class PracticesSitemap(SectionSitemap):
    page_types = (PracticeIndexPage, PracticeCategoryPage, ProcedurePage, ChecklistPage)
