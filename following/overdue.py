"""What is past its review date, found in the database: live procedures and checklists whose
review date has passed (PracticePage.needs_review) and live tool reviews older than
KB_REVIEW_MAX_AGE_MONTHS (ReviewPage.needs_review), a cooperative's superseded reviews left out.

One page queryset for all three kinds, so the report filters, sorts and paginates in SQL, and the
reminders read the same rows.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Value
from django.db.models.functions import Coalesce, ExtractDay
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.months import month_index, months_later_before
from practices.models import ChecklistPage, ProcedurePage
from tooling.models import ReviewPage

PROCEDURE, CHECKLIST, REVIEW = "procedure", "checklist", "review"
KINDS = {PROCEDURE: ProcedurePage, CHECKLIST: ChecklistPage, REVIEW: ReviewPage}
KIND_LABELS = [
    (PROCEDURE, _("Procédure")),
    (CHECKLIST, _("Liste de contrôle")),
    (REVIEW, _("Avis sur un outil")),
]


def content_types(kinds=KINDS):
    return [ContentType.objects.get_for_model(KINDS[kind]) for kind in kinds]


def overdue_pages(today: datetime.date | None = None, kinds=KINDS):
    """Live pages of these kinds past their review date, soonest due first, annotated with
    `reviewed_on` (last review), `interval` (months) and `due_cooperative` (id: author or reviewer)."""
    today = today or timezone.localdate()
    pages = (
        Page.objects.live()
        .filter(content_type__in=content_types(kinds))
        .annotate(
            reviewed_on=Coalesce(
                "procedurepage__last_reviewed", "checklistpage__last_reviewed", "reviewpage__review_date"
            ),
            interval=Coalesce(
                "procedurepage__review_interval_months",
                "checklistpage__review_interval_months",
                Value(settings.KB_REVIEW_MAX_AGE_MONTHS),
            ),
            due_cooperative=Coalesce(
                "procedurepage__author_cooperative",
                "checklistpage__author_cooperative",
                "reviewpage__cooperative",
            ),
        )
        .filter(months_later_before(F("reviewed_on"), F("interval"), today))
        .exclude(pk__in=ReviewPage.objects.filter(ReviewPage.superseded()).values("pk"))
    )
    due_month = month_index(F("reviewed_on")) + F("interval")
    return pages.annotate(due_month=due_month, due_day=ExtractDay("reviewed_on")).order_by(
        "due_month", "due_day", "title", "pk"
    )


def cooperative_id_of(page):
    """The cooperative whose editors re-read it: a practice's author, a review's reviewer."""
    return getattr(page, "author_cooperative_id", None) or getattr(page, "cooperative_id", None)


def months_of(page) -> int:
    """The months after which it is due: a practice's interval, a review's maximum age."""
    return getattr(page, "review_interval_months", None) or settings.KB_REVIEW_MAX_AGE_MONTHS
