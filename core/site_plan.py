"""« Plan du site »: the tree a reader may read, in a handful of queries whatever the catalogue's size.

The home, then a section per app: the network (regions → cooperatives), practices by category, tool
categories with their number of tools (21,000 tool links would make the page what the XML sitemap was:
too big to read or serve). The sections come from the Wagtail hook "kb_site_plan_sections": each
function registered under it takes no argument and returns a list of `PlanSection`
(core/wagtail_hooks.py, practices/wagtail_hooks.py, tooling/wagtail_hooks.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from wagtail import hooks
from wagtail.models import Page, Site

from core.access import readable_pages
from kb.models import HomePage


@dataclass
class Entry:
    """A page of the plan and the entries below it, by title."""

    page: Page
    kind: str  # the page's model name: "regionpage", "checklistpage"…
    url: str
    children: list["Entry"] = field(default_factory=list)
    count: int = 0  # what its section counts below it rather than lists (a tool category's tools)


@dataclass(frozen=True)
class PlanSection:
    """A section of the plan, as its app declares it (hook "kb_site_plan_sections")."""

    name: str  # its entry's name in the template's context: "network", "practices", "tools"
    page_types: tuple[type[Page], ...]  # listed; the first is the section's page, under the home
    # Sets the `count` of the section's entries from what it does not list: (request, entries) -> None.
    count: Callable[[HttpRequest, Iterable[Entry]], None] | None = None


def plan_sections() -> list[PlanSection]:
    return [section for hook in hooks.get_hooks("kb_site_plan_sections") for section in hook()]


def site_plan_context(request):
    """The reader's plan: {"home", and each section's name}, each an Entry or None."""
    sections = plan_sections()
    listed = (HomePage, *(model for section in sections for model in section.page_types))
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    home = site.root_page
    kinds = {
        ct.pk: model._meta.model_name for model, ct in ContentType.objects.get_for_models(*listed).items()
    }
    pages = readable_pages(request, Page.objects.descendant_of(home, inclusive=True).type(*listed))
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
    root = entries.get(home.path)
    tops = {entry.kind: entry for entry in root.children} if root else {}
    context = {"home": root}
    for section in sections:
        if section.count is not None:
            section.count(request, entries.values())
        context[section.name] = tops.get(section.page_types[0]._meta.model_name)
    return context
