"""The XML sitemap for crawlers: an index of sections, each paginated, so no response is large.

One sitemap of the whole tree was 2.3 MB and 4.4 s of server time once the 21,000-tool catalogue
was imported. Each section lists the live pages of its types that an anonymous visitor may read
(core.access). The sections come from the Wagtail hook "kb_sitemap_sections": each function registered
under it takes no argument and returns {URL slug: a `SectionSitemap` subclass}, in the index's order
(kb/sitemaps.py, practices/sitemaps.py, tooling/sitemaps.py, registered in their wagtail_hooks.py).
"""

from django.db.models import Max

from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.access import Reader, readable_pages

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


def sitemap_sections() -> dict[str, type[SectionSitemap]]:
    """{URL slug: sitemap} of every section the apps contribute ("kb_sitemap_sections")."""
    sections = {}
    for hook in hooks.get_hooks("kb_sitemap_sections"):
        sections.update(hook())
    return sections
