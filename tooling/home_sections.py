"""What the tools add to the home page (kb.home's hooks, registered in tooling/wagtail_hooks.py): the
latest reviews, the radar's moves, and the tools a member's cooperative is due to review."""

import datetime
import operator
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from core.access import readable_cooperative_ids, readable_pages
from core.page_types import pages_of
from kb.home import LATEST, PAGE_FIELDS, SHOWN_DUE
from tooling.duties import is_due, latest_reviews
from tooling.models import ReviewPage, ToolPage, WatchDuty
from tooling.models.vocabulary import Ring
from tooling.scoring import REVIEW_FIELDS, summarise

RECENT_REVIEWS = 30  # the radar moves are looked for among the tools of these reviews
TOOL_FIELDS = ("id", "title", "path", "depth", "url_path")


@dataclass
class RadarMove:
    tool: Page
    ring: str
    previous_ring: str | None  # None: the tool enters the radar
    date: datetime.date

    @property
    def ring_label(self):
        return Ring(self.ring).label

    @property
    def previous_label(self):
        return Ring(self.previous_ring).label if self.previous_ring else ""


@dataclass
class DueTool:
    tool: Page
    latest_review: datetime.date | None


def news(request):
    """{"new_reviews", "radar_moves"}: the newest readable reviews, and the radar's moves among their
    tools."""
    reviews = recent_reviews(request)
    return {"new_reviews": reviews[:LATEST], "radar_moves": radar_moves(request, reviews)}


def recent_reviews(request):
    """The newest readable reviews, each with its tool (`review.tool`), in two queries."""
    readable_cooperatives = readable_cooperative_ids(request)
    reviews = pages_of(ReviewPage).filter(cooperative__in=readable_cooperatives).select_related("cooperative")
    reviews = readable_pages(request, reviews).only(
        *PAGE_FIELDS, *REVIEW_FIELDS, "recommendation", "cooperative", "cooperative__title"
    )
    reviews = list(reviews.order_by("-last_published_at", "-pk")[:RECENT_REVIEWS])
    tools = Page.objects.filter(path__in={review.path[: -Page.steplen] for review in reviews})
    tools = {tool.path: tool for tool in tools.only(*TOOL_FIELDS)}
    for review in reviews:
        review.tool = tools[review.path[: -Page.steplen]]
    return reviews


def radar_moves(request, reviews):
    """Tools of these reviews whose consensus ring moved with their latest review, or that entered the
    radar, newest first: the radar's own rule (tooling.scoring.summarise)."""
    tools = {review.tool.path: review.tool for review in reviews}
    if not tools:
        return []
    under_tools = reduce(operator.or_, (Q(path__startswith=path) for path in tools))
    all_reviews = (
        pages_of(ReviewPage).live().filter(under_tools, cooperative__in=readable_cooperative_ids(request))
    )
    by_tool = defaultdict(list)
    for review in readable_pages(request, all_reviews).only(*REVIEW_FIELDS):
        by_tool[review.path[: -Page.steplen]].append(review)
    moves = []
    for path, tool_reviews in by_tool.items():
        summary = summarise(tool_reviews)
        if summary.ring and (summary.is_new or summary.has_moved):
            moves.append(
                RadarMove(tools[path], summary.ring, summary.previous_ring, summary.latest.review_date)
            )
    return sorted(moves, key=lambda move: (move.date, move.tool.pk), reverse=True)[:LATEST]


def due_tools(request, cooperative):
    """{"due_tools", "due_tool_count"}: the readable tools the cooperative's watch duties make due for a
    review, by title (SHOWN_DUE of them), and how many they are."""
    today = timezone.localdate()
    due = {}  # tool id -> (title, latest review date), each tool once
    for duty in WatchDuty.objects.filter(cooperatives=cooperative).select_related("category", "tool"):
        for pk, title, latest in due_readable_tools(request, duty, today):
            due.setdefault(pk, (title, latest))
    shown = sorted(due, key=lambda pk: due[pk][0])[:SHOWN_DUE]
    tools = Page.objects.filter(pk__in=shown).only(*TOOL_FIELDS).in_bulk()
    return {"due_tools": [DueTool(tools[pk], due[pk][1]) for pk in shown], "due_tool_count": len(due)}


def due_readable_tools(request, duty, today):
    """(id, title, latest review date) of the tools of a duty due for a review (tooling.duties' rule) that
    this reader may read. A category duty may cover hundreds of imported tools: rows, not pages."""
    scope = duty.tool or duty.category
    tools = Page.objects.filter(pk=duty.tool_id) if duty.tool_id else scope.get_children()
    rows = list(readable_pages(request, tools.type(ToolPage)).values_list("pk", "title", "path", "depth"))
    if not rows:
        return []
    latest = latest_reviews(scope, rows[0][3])
    return [
        (pk, title, latest.get(path))
        for pk, title, path, _depth in rows
        if is_due(latest.get(path), duty.interval_months, today)
    ]
