"""The tools' and the reviews' sections of the XML sitemap (core.sitemap_xml, hook "kb_sitemap_sections")."""

from core.access import Reader, readable_cooperative_ids
from core.sitemap_xml import SectionSitemap
from tooling.models import ReviewPage, ToolCategoryPage, ToolIndexPage, ToolPage


class ToolsSitemap(SectionSitemap):
    page_types = (ToolIndexPage, ToolCategoryPage, ToolPage)


class ReviewsSitemap(SectionSitemap):
    """A review shows only where its cooperative may be read, as its page does."""

    page_types = (ReviewPage,)

    def pages(self):
        readable = readable_cooperative_ids(Reader.anonymous())
        reviews = ReviewPage.objects.filter(cooperative__in=readable).values("pk")
        return super().pages().filter(pk__in=reviews)
