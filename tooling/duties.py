"""Which tools are due for review under the watch duties."""

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.db.models.functions import Substr
from django.utils import timezone

from core.months import add_months
from tooling.models import ReviewPage, ToolPage, WatchDuty


def is_due(latest_review, interval_months, today):
    """Due when never reviewed, or when the latest review is older than the interval."""
    return latest_review is None or add_months(latest_review, interval_months) < today


@dataclass
class DueItem:
    duty: WatchDuty
    tool: ToolPage
    latest_review: datetime.date | None

    @property
    def category(self):
        return self.duty.category or self.tool.get_parent()


def latest_reviews(scope, tool_depth):
    """tool path -> date of its latest live review, for every tool under `scope`."""
    steplen = ToolPage.steplen
    rows = (
        ReviewPage.objects.descendant_of(scope, inclusive=False)
        .live()
        .annotate(tool_path=Substr("path", 1, steplen * tool_depth))
        .values("tool_path")
        .annotate(latest=Max("review_date"))
        .order_by()
    )
    return {row["tool_path"]: row["latest"] for row in rows}


def due_items_for(duty, today):
    if duty.tool_id:
        tools = ToolPage.objects.filter(pk=duty.tool_id).live()
        scope = duty.tool
    else:
        tools = ToolPage.objects.child_of(duty.category).live()
        scope = duty.category
    tools = list(tools.only("id", "title", "path", "depth", "url_path", "slug").order_by("title"))
    if not tools:
        return []
    latest = latest_reviews(scope, tools[0].depth)
    return [
        DueItem(duty, tool, latest.get(tool.path))
        for tool in tools
        if is_due(latest.get(tool.path), duty.interval_months, today)
    ]


def due_by_cooperative(today=None, cooperatives=None):
    """cooperative -> its due items, each tool once per cooperative, sorted by title."""
    today = today or timezone.localdate()
    duties = WatchDuty.objects.select_related("category", "tool").prefetch_related("cooperatives")
    result = {}
    for duty in duties:
        items = due_items_for(duty, today)
        for cooperative in duty.cooperatives.all():
            if cooperatives is not None and cooperative not in cooperatives:
                continue
            seen = result.setdefault(cooperative, {})
            for item in items:
                seen.setdefault(item.tool.pk, item)
    return {
        cooperative: sorted(items.values(), key=lambda item: item.tool.title)
        for cooperative, items in sorted(result.items(), key=lambda pair: pair[0].title)
        if items
    }
