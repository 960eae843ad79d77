import datetime

from django.contrib.auth.models import Group
from django.utils.text import slugify

from wagtail.models import PageViewRestriction

import pytest

from kb.roles import MEMBERS
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
    slug = fields.pop("slug", None) or slugify(title)
    return add_published(category, ToolPage(title=title, slug=slug, **fields))


def make_review(tool, cooperative, ring, day, scores=None, **fields):
    """A published review; `day` is a date or an ISO string."""
    review_date = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    values = {
        "title": f"Avis {cooperative.title} {review_date}",
        "slug": f"avis-{cooperative.slug}-{review_date}",
        "use_case": "Messagerie de l'équipe",
        "pros": "Libre",
        "cons": "Lourd",
        "recommendation": "À essayer",
        **SCORES,
        **(scores or {}),
        **fields,
    }
    page = ReviewPage(cooperative=cooperative, review_date=review_date, ring=ring, **values)
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


def members_only(page):
    """Put `page` (and its subtree) behind the "Membres" view restriction."""
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=MEMBERS)])
    return restriction
