"""« Plan du site »: the tree a reader may read, in a handful of queries whatever the catalogue's size.

Network → regions → cooperatives, practices by category, and tool categories with their number of
tools (21,000 tool links would make the page what the XML sitemap was: too big to read or serve).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import Substr

from wagtail.models import Page, Site

from kb.access import readable_pages
from kb.models import CooperativePage, HomePage, NetworkPage, RegionPage
from practices.models import ChecklistPage, PracticeCategoryPage, PracticeIndexPage, ProcedurePage
from tooling.models import ToolCategoryPage, ToolIndexPage, ToolPage

# Every level of the plan but the tools themselves, which are counted, not listed.
LISTED_TYPES = (
    HomePage,
    NetworkPage,
    RegionPage,
    CooperativePage,
    PracticeIndexPage,
    PracticeCategoryPage,
    ProcedurePage,
    ChecklistPage,
    ToolIndexPage,
    ToolCategoryPage,
)


@dataclass
class Entry:
    """A page of the plan and the entries below it, by title."""

    page: Page
    kind: str  # the page's model name: "regionpage", "checklistpage"…
    url: str
    children: list["Entry"] = field(default_factory=list)
    tool_count: int = 0


def site_plan_context(request):
    """The reader's plan: {"home", "network", "practices", "tools"}, each an Entry or None."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    home = site.root_page
    kinds = {
        ct.pk: model._meta.model_name
        for model, ct in ContentType.objects.get_for_models(*LISTED_TYPES).items()
    }
    pages = readable_pages(request, Page.objects.descendant_of(home, inclusive=True).type(*LISTED_TYPES))
    # The URL page.get_url gives a page of this site, without its site lookup for each of ~400 pages.
    home_url = home.get_url(request)
    entries = {}
    # Parents come before their children (by depth), and children by title.
    for page in pages.only("id", "title", "path", "depth", "url_path", "content_type").order_by(
        "depth", "title"
    ):
        parent = entries.get(page.path[: -Page.steplen])
        if parent is None and page.path != home.path:
            continue  # under a page of another type: not part of the plan
        url = home_url + page.url_path[len(home.url_path) :]
        entry = Entry(page, kinds.get(page.content_type_id, ""), url)
        entries[page.path] = entry
        if parent is not None:
            parent.children.append(entry)
    for path, count in tool_counts(request, entries.values()).items():
        entries[path].tool_count = count
    root = entries.get(home.path)
    sections = {entry.kind: entry for entry in root.children} if root else {}
    return {
        "home": root,
        "network": sections.get("networkpage"),
        "practices": sections.get("practiceindexpage"),
        "tools": sections.get("toolindexpage"),
    }


def tool_counts(request, entries):
    """The readable live tools of each tool category among `entries`, by category path: one query."""
    categories = [entry.page for entry in entries if entry.kind == "toolcategorypage"]
    if not categories:
        return {}
    depth = categories[0].depth  # every category sits right under the tool index
    tools = readable_pages(request, Page.objects.type(ToolPage).filter(depth=depth + 1))
    rows = (
        tools.annotate(category=Substr("path", 1, depth * Page.steplen))
        .filter(category__in=[category.path for category in categories])
        .order_by()
        .values("category")
        .annotate(count=Count("pk"))
        .values_list("category", "count")
    )
    return dict(rows)
