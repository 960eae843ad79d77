"""What the home page shows a reader, in a fixed number of queries whatever the corpus' size.

What's new (practices, reviews, radar moves, the latest publishes: kb.activity), the regions and their
cooperatives, and for a signed-in member their cooperative's due watch and practice reviews. Only what
the reader may read (kb.access).
"""

import datetime
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from kb.access import readable_cooperative_ids, readable_pages
from kb.activity import latest_events
from kb.models import CooperativePage, RegionPage
from kb.page_types import pages_of
from practices.models import ChecklistPage, ProcedurePage
from tooling.duties import is_due, latest_reviews
from tooling.models import ReviewPage, ToolPage, WatchDuty
from tooling.scoring import REVIEW_FIELDS, Ring, summarise

LATEST = 6  # cards per "what's new" list
RECENT_REVIEWS = 30  # the radar moves are looked for among the tools of these reviews
SHOWN_DUE = 8  # due tools and practice reviews listed for a member (the count says the rest)
PAGE_FIELDS = ("id", "title", "path", "depth", "url_path", "last_published_at")


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


@dataclass
class MemberDesk:
    """A member's cooperative, its due watch (tools) and its practices' next reviews."""

    cooperative: CooperativePage
    due_tools: list = field(default_factory=list)
    due_tool_count: int = 0
    practice_reviews: list = field(default_factory=list)  # (practice, due date, overdue), soonest first


def home_context(request, home):
    readable_cooperatives = readable_cooperative_ids(request)
    reviews = recent_reviews(request, readable_cooperatives)
    return {
        "new_practices": latest_practices(request),
        "new_reviews": reviews[:LATEST],
        "radar_moves": radar_moves(request, reviews, readable_cooperatives),
        "regions": regions_with_cooperatives(request, home),
        "desk": member_desk(request, readable_cooperatives),
        **latest_events(request, home),
    }


def latest_practices(request):
    """The newest published procedures and checklists, newest first (one query per type)."""
    found = []
    for model, kind in ((ProcedurePage, "procedure"), (ChecklistPage, "checklist")):
        pages = readable_pages(request, pages_of(model)).only(*PAGE_FIELDS, "summary")
        for page in pages.order_by("-last_published_at")[:LATEST]:
            page.kind = kind  # the card's colour and badge
            found.append(page)
    return sorted(found, key=operator.attrgetter("last_published_at"), reverse=True)[:LATEST]


def recent_reviews(request, readable_cooperatives):
    """The newest readable reviews, each with its tool (`review.tool`), in two queries."""
    reviews = pages_of(ReviewPage).filter(cooperative__in=readable_cooperatives).select_related("cooperative")
    reviews = readable_pages(request, reviews).only(
        *PAGE_FIELDS, *REVIEW_FIELDS, "recommendation", "cooperative", "cooperative__title"
    )
    reviews = list(reviews.order_by("-last_published_at", "-pk")[:RECENT_REVIEWS])
    tools = Page.objects.filter(path__in={review.path[: -Page.steplen] for review in reviews})
    tools = {tool.path: tool for tool in tools.only("id", "title", "path", "depth", "url_path")}
    for review in reviews:
        review.tool = tools[review.path[: -Page.steplen]]
    return reviews


def radar_moves(request, reviews, readable_cooperatives):
    """Tools of the recent reviews whose consensus ring moved with their latest review, or that
    entered the radar, newest first: the radar's own rule (tooling.scoring.summarise)."""
    tools = {review.tool.path: review.tool for review in reviews}
    if not tools:
        return []
    under_tools = reduce(operator.or_, (Q(path__startswith=path) for path in tools))
    all_reviews = pages_of(ReviewPage).live().filter(under_tools, cooperative__in=readable_cooperatives)
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


def regions_with_cooperatives(request, home):
    """[(region, its readable cooperatives by title)], regions by title: two queries."""
    regions = readable_pages(request, pages_of(RegionPage).descendant_of(home)).only(*PAGE_FIELDS)
    cooperatives = readable_pages(request, pages_of(CooperativePage).descendant_of(home))
    by_region = defaultdict(list)
    for cooperative in cooperatives.only(*PAGE_FIELDS, "city").order_by("title"):
        by_region[cooperative.path[: -Page.steplen]].append(cooperative)
    return [(region, by_region[region.path]) for region in regions.order_by("title")]


def member_desk(request, readable_cooperatives):
    """The signed-in member's cooperative and what it has to look at again; None for other readers."""
    if not request.user.is_authenticated:
        return None
    profile = getattr(request.user, "kb_profile", None)
    if profile is None or profile.cooperative_id not in readable_cooperatives:
        return None
    cooperative = profile.cooperative
    today = timezone.localdate()
    desk = MemberDesk(cooperative)
    due = {}  # tool id -> (title, latest review date), each tool once
    for duty in WatchDuty.objects.filter(cooperatives=cooperative).select_related("category", "tool"):
        for pk, title, latest in due_readable_tools(request, duty, today):
            due.setdefault(pk, (title, latest))
    shown = sorted(due, key=lambda pk: due[pk][0])[:SHOWN_DUE]
    tools = Page.objects.filter(pk__in=shown).only("id", "title", "path", "depth", "url_path").in_bulk()
    desk.due_tools = [DueTool(tools[pk], due[pk][1]) for pk in shown]
    desk.due_tool_count = len(due)
    practices = []
    for model in (ProcedurePage, ChecklistPage):
        own = pages_of(model).filter(author_cooperative=cooperative, last_reviewed__isnull=False)
        practices += readable_pages(request, own).only(
            *PAGE_FIELDS, "last_reviewed", "review_interval_months"
        )
    soonest = sorted((practice.review_due, practice.title, practice) for practice in practices)[:SHOWN_DUE]
    desk.practice_reviews = [(practice, due_on, due_on < today) for due_on, _title, practice in soonest]
    return desk


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
