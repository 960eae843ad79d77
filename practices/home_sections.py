"""What practices add to the home page (kb.home's hooks, registered in practices/wagtail_hooks.py):
the newest procedures and checklists, and a member's next practice reviews."""

import operator

from django.utils import timezone

from core.access import readable_pages
from core.page_types import pages_of
from kb.home import LATEST, PAGE_FIELDS, SHOWN_DUE
from practices.models import ChecklistPage, ProcedurePage


def latest_practices(request):
    """{"new_practices": the newest published procedures and checklists, newest first} (one query
    per type)."""
    found = []
    for model, kind in ((ProcedurePage, "procedure"), (ChecklistPage, "checklist")):
        pages = readable_pages(request, pages_of(model)).only(*PAGE_FIELDS, "summary")
        for page in pages.order_by("-last_published_at")[:LATEST]:
            page.kind = kind  # the card's colour and badge
            found.append(page)
    newest = sorted(found, key=operator.attrgetter("last_published_at"), reverse=True)[:LATEST]
    return {"new_practices": newest}


def practice_reviews(request, cooperative):
    """{"practice_reviews": [(practice, due date, overdue)]}: the cooperative's practices with a review
    date, soonest first (one query per type)."""
    today = timezone.localdate()
    practices = []
    for model in (ProcedurePage, ChecklistPage):
        own = pages_of(model).filter(author_cooperative=cooperative, last_reviewed__isnull=False)
        practices += readable_pages(request, own).only(
            *PAGE_FIELDS, "last_reviewed", "review_interval_months"
        )
    soonest = sorted((practice.review_due, practice.title, practice) for practice in practices)[:SHOWN_DUE]
    return {"practice_reviews": [(practice, due_on, due_on < today) for due_on, _title, practice in soonest]}
