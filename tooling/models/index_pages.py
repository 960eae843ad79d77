"""The tool index (« Outils ») and its categories. Their routes (radar, feeds, the index's comparison)
get their context from service modules (tooling.radar_context, tooling.comparison, tooling.feeds),
which import the tool and review models of tooling.models.pages, never this module."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.rich_text import INTRO_FEATURES
from tooling import radar_context
from tooling.comparison import compared_tools
from tooling.feeds import serve_feed
from tooling.models.pages import ReviewPage, ToolPage
from tooling.scoring import summaries_for_tools

TOOLS_PER_PAGE = 50


class ToolWatchRoutesMixin(RoutablePageMixin):
    """The watch of the tools below this page: its radar (an HTML page with its table, and the SVG
    alone) and its RSS and Atom feeds of new tools and reviews."""

    # The index's radar covers the network, one sector per category; a category's, one per licence kind.
    radar_covers_network = False

    @path("radar/", name="radar")
    def radar(self, request):
        context = radar_context.radar_page_context(request, self)
        return self.render(request, template="tooling/radar_page.html", context_overrides=context)

    @path("radar/svg/", name="radar_svg")
    def radar_svg(self, request):
        svg = radar_context.radar_svg(request, self)
        return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")

    @path("flux/<str:kind>/", name="feed")
    def feed(self, request, kind):
        return serve_feed(request, self, kind)


class ToolIndexPage(ToolWatchRoutesMixin, Page):
    """Outils: the shared tool catalogue and watch."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["tooling.ToolCategoryPage"]
    max_count = 1
    radar_covers_network = True

    class Meta:
        verbose_name = _("index des outils")

    # A class's own routes are tried before its mixin's: without this, "radar/<slug>/" below would
    # take "radar/svg/" for the radar of a cooperative named "svg" (a 404).
    radar_svg = ToolWatchRoutesMixin.radar_svg

    # The page's own context is built here, not in get_context: its other routes render with
    # self.render(), which calls get_context, and show none of it.
    @path("")
    def index_route(self, request):
        categories = self.get_children().live().public().specific().order_by("title")
        return self.render(request, context_overrides={"categories": categories})

    @path("comparer/", name="compare")
    def compare(self, request):
        context, status = compared_tools(request, self)
        response = self.render(request, template="tooling/compare.html", context_overrides=context)
        response.status_code = status
        return response

    @path("radar/<slug:cooperative_slug>/", name="cooperative_radar")
    def cooperative_radar(self, request, cooperative_slug):
        context = radar_context.radar_page_context(request, self, cooperative_slug)
        return self.render(request, template="tooling/radar_page.html", context_overrides=context)


class ToolCategoryPage(ToolWatchRoutesMixin, Page):
    """A category of tools (Administration système, Messagerie…), with its radar and feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["tooling.ToolIndexPage"]
    subpage_types = ["tooling.ToolPage"]

    class Meta:
        verbose_name = _("catégorie d'outils")
        verbose_name_plural = _("catégories d'outils")

    # The page's own context is built here, not in get_context: its other routes render with
    # self.render(), which calls get_context, and show none of it.
    @path("")
    def index_route(self, request):
        """The category's tools, a page at a time, each with the summary of its reviews."""
        tools = (
            ToolPage.objects.child_of(self)
            .live()
            .public()
            .only("id", "path", "depth", "title", "slug", "url_path", "summary", "licence_kind")
            .order_by("title", "id")
        )
        page = Paginator(tools, TOOLS_PER_PAGE).get_page(request.GET.get("page"))
        summaries = summaries_for_tools(list(page.object_list), ReviewPage.visible_below(request, self))
        rows = [(tool, summaries.get(tool.pk)) for tool in page.object_list]
        return self.render(request, context_overrides={"tools": page, "rows": rows})
