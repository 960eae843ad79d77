import datetime

import pytest

from tests.factories import add_published
from tooling.models import ReviewPage, ToolCategoryPage, ToolPage

SCORES = {
    "score_features": 4,
    "score_usability": 4,
    "score_operations": 3,
    "score_maturity": 5,
    "score_openness": 5,
    "score_cost": 4,
}


def make_category(index, title="Messagerie", slug="messagerie"):
    return add_published(index, ToolCategoryPage(title=title, slug=slug))


def make_tool(category, title, **fields):
    slug = fields.pop("slug", None) or title.lower()
    return add_published(category, ToolPage(title=title, slug=slug, **fields))


def make_review(tool, cooperative, ring, day, scores=None, **fields):
    """A published review; `day` is a date or an ISO string."""
    review_date = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    values = {**SCORES, **(scores or {})}
    page = ReviewPage(
        title=f"Avis {cooperative.title} {review_date}",
        slug=fields.pop("slug", f"avis-{cooperative.slug}-{review_date}"),
        cooperative=cooperative,
        review_date=review_date,
        use_case="Messagerie de l'équipe",
        ring=ring,
        pros="Libre",
        cons="Lourd",
        recommendation="À essayer",
        **values,
        **fields,
    )
    return add_published(tool, page)


@pytest.fixture
def catalogue(site_tree):
    """One category with two tools; no reviews yet."""
    category = make_category(site_tree["tools"])
    return {
        "category": category,
        "matrix": make_tool(category, "Matrix", summary="Messagerie fédérée", licence_kind="free"),
        "slack": make_tool(category, "Slack", summary="Messagerie propriétaire", licence_kind="proprietary"),
    }
