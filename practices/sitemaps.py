"""The practices' section of the XML sitemap (kb.sitemap_xml, hook "kb_sitemap_sections")."""

from kb.sitemap_xml import SectionSitemap
from practices.models import ChecklistPage, PracticeCategoryPage, PracticeIndexPage, ProcedurePage


class PracticesSitemap(SectionSitemap):
    page_types = (PracticeIndexPage, PracticeCategoryPage, ProcedurePage, ChecklistPage)
