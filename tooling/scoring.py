"""Aggregates of reviews: a cooperative's newest review supersedes its older ones. Plain functions of
the reviews they are given: the page models use them, so this module imports none."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from wagtail.models import Page

from tooling.models.vocabulary import CRITERIA, RING_ORDER, Ring

# Only these columns are needed to aggregate, so listings of many tools stay light.
REVIEW_FIELDS = ["id", "path", "depth", "cooperative_id", "review_date", "ring"] + [
    name for name, _ in CRITERIA
]


def newest_first(review):
    return (review.review_date, review.pk)


def current_reviews(reviews):
    """Each cooperative's newest review only."""
    latest = {}
    for review in reviews:
        kept = latest.get(review.cooperative_id)
        if kept is None or newest_first(review) > newest_first(kept):
            latest[review.cooperative_id] = review
    return sorted(latest.values(), key=newest_first, reverse=True)


def consensus_ring(reviews):
    """The ring most current reviews give; a tie goes to the more cautious ring."""
    votes = Counter(review.ring for review in reviews)
    if not votes:
        return None
    return max(votes, key=lambda ring: (votes[ring], RING_ORDER.index(ring)))


@dataclass
class ToolSummary:
    reviews: list = field(default_factory=list)  # all visible reviews, newest first
    current: list = field(default_factory=list)  # one per cooperative
    averages: dict = field(default_factory=dict)  # criterion name -> average of current reviews
    overall: float | None = None
    ring: str | None = None
    previous_ring: str | None = None  # consensus before the latest review (None: the tool is new)
    rings: dict = field(default_factory=dict)  # ring -> number of cooperatives placing the tool there

    @property
    def disagreement(self):
        return len(self.rings) > 1

    @property
    def ring_counts(self):
        return [(ring, ring.label, self.rings[ring]) for ring in RING_ORDER if ring in self.rings]

    @property
    def latest(self):
        return self.reviews[0] if self.reviews else None

    @property
    def is_new(self):
        return self.ring is not None and self.previous_ring is None

    @property
    def has_moved(self):
        return self.previous_ring is not None and self.previous_ring != self.ring

    @property
    def ring_label(self):
        return Ring(self.ring).label if self.ring else ""

    @property
    def history(self):
        """cooperative id -> its reviews oldest first: the ring's movement over time."""
        by_cooperative = defaultdict(list)
        for review in sorted(self.reviews, key=newest_first):
            by_cooperative[review.cooperative_id].append(review)
        return dict(by_cooperative)


def summarise(reviews):
    reviews = sorted(reviews, key=newest_first, reverse=True)
    current = current_reviews(reviews)
    summary = ToolSummary(reviews=reviews, current=current)
    if not current:
        return summary
    for name, _label in CRITERIA:
        summary.averages[name] = round(sum(getattr(r, name) for r in current) / len(current), 1)
    summary.overall = round(sum(summary.averages.values()) / len(CRITERIA), 2)
    summary.ring = consensus_ring(current)
    summary.previous_ring = consensus_ring(current_reviews(reviews[1:]))
    summary.rings = dict(Counter(review.ring for review in current))
    return summary


def summaries_for_tools(tools, reviews):
    """tool id -> ToolSummary, reading `reviews` (ReviewPage.visible_below: one query for the reviews
    under a category or the index) once, and not at all without tools."""
    if not tools:
        return {}
    by_path = {tool.path: tool for tool in tools}
    grouped = defaultdict(list)
    for review in reviews:
        tool = by_path.get(review.path[: -Page.steplen])
        if tool is not None:
            grouped[tool.pk].append(review)
    return {tool.pk: summarise(grouped.get(tool.pk, [])) for tool in tools}
