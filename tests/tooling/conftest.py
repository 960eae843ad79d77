import datetime

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from core.roles import MEMBERS
from tooling.factories import ReviewPageFactory, ToolCategoryPageFactory, ToolPageFactory

# A review form's scores (the ones ReviewPageFactory gives).
SCORES = {
    "score_features": 4,
    "score_usability": 4,
    "score_operations": 3,
    "score_maturity": 5,
    "score_openness": 5,
    "score_cost": 4,
}


def make_category(index, title="Messagerie", slug="messagerie"):
    return ToolCategoryPageFactory(parent=index, title=title, slug=slug)


def make_tool(category, title, **fields):
    return ToolPageFactory(parent=category, title=title, **fields)


def make_review(tool, cooperative, ring, day, scores=None, **fields):
    """A published review; `day` is a date or an ISO string; `scores` overrides some of the factory's."""
    review_date = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return ReviewPageFactory(
        parent=tool, cooperative=cooperative, ring=ring, review_date=review_date, **(scores or {}), **fields
    )


@pytest.fixture
def catalogue(site_tree):
    """One category with two tools; no reviews yet."""
    category = make_category(site_tree["tools"])
    return {
        "category": category,
        "matrix": make_tool(category, "Matrix", summary="Messagerie fédérée", licence_kind="free"),
        "slack": make_tool(category, "Slack", summary="Messagerie propriétaire", licence_kind="proprietary"),
    }


def members_only(page):
    """Put `page` (and its subtree) behind the "Membres" view restriction."""
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=MEMBERS)])
    return restriction
