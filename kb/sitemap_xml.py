"""The XML sitemap for crawlers: an index of sections, each paginated, so no response is large.

One sitemap of the whole tree was 2.3 MB and 4.4 s of server time once the 21,000-tool catalogue
was imported. Each section lists the live pages of its types that an anonymous visitor may read
(kb.access); a review shows only where its cooperative may be read, as its page does.
"""

from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from kb.access import Reader, readable_cooperative_ids, readable_pages
from kb.models import CooperativePage, HomePage, NetworkPage, RegionPage
from practices.models import ChecklistPage, PracticeCategoryPage, PracticeIndexPage, ProcedurePage
from tooling.models import ReviewPage, ToolCategoryPage, ToolIndexPage, ToolPage

URLS_PER_PAGE = 1000  # about 100 kB of XML per response (the protocol allows 50,000)


class SectionSitemap(Sitemap):
    """The readable live pages of `page_types` on the request's site, by tree order."""

    page_types: tuple[type[Page], ...] = ()
    limit = URLS_PER_PAGE

    def pages(self):
        site_root = self.get_wagtail_site().root_page
        pages = Page.objects.descendant_of(site_root, inclusive=True).type(*self.page_types)
        # Crawlers are anonymous: the site map is the same for every reader, and public.
        return readable_pages(Reader.anonymous(), pages)

    def items(self):
        # Base pages with only what a URL and a date need: the specific models are not loaded.
        fields = ("id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at")
        return self.pages().order_by("path").only(*fields)

    def get_latest_lastmod(self):
        # Django's default reads every item (21,000 tools) for one date: one aggregate instead.
        return self.pages().aggregate(latest=Max("last_published_at"))["latest"]


class NetworkSitemap(SectionSitemap):
    page_types = (HomePage, NetworkPage, RegionPage, CooperativePage)


class PracticesSitemap(SectionSitemap):
    page_types = (PracticeIndexPage, PracticeCategoryPage, ProcedurePage, ChecklistPage)


class ToolsSitemap(SectionSitemap):
    page_types = (ToolIndexPage, ToolCategoryPage, ToolPage)


class ReviewsSitemap(SectionSitemap):
    page_types = (ReviewPage,)

    def pages(self):
        readable = readable_cooperative_ids(Reader.anonymous())
        reviews = ReviewPage.objects.filter(cooperative__in=readable).values("pk")
        return super().pages().filter(pk__in=reviews)


SECTIONS = {
    "reseau": NetworkSitemap,
    "pratiques": PracticesSitemap,
    "outils": ToolsSitemap,
    "avis": ReviewsSitemap,
}
