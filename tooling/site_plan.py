"""The tools' section of « Plan du site » (core.site_plan, hook "kb_site_plan_sections" in
tooling/wagtail_hooks.py): the tool categories, each with its number of tools, not their 21,000 links."""

from django.db.models import Count
from django.db.models.functions import Substr

from wagtail.models import Page

from core.access import readable_pages
from tooling.models import ToolPage


def count_tools(request, entries):
    """Set each tool category's `count` to its readable live tools: one query."""
    categories = {entry.page.path: entry for entry in entries if entry.kind == "toolcategorypage"}
    if not categories:
        return
    depth = next(iter(categories.values())).page.depth  # every category sits right under the tool index
    tools = readable_pages(request, Page.objects.type(ToolPage).filter(depth=depth + 1))
    rows = (
        tools.annotate(category=Substr("path", 1, depth * Page.steplen))
        .filter(category__in=list(categories))
        .order_by()
        .values("category")
        .annotate(count=Count("pk"))
        .values_list("category", "count")
    )
    for path, count in rows:
        categories[path].count = count
