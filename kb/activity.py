"""« Quoi de neuf »: the latest publishes of procedures, checklists and tool reviews under a scope (the
whole site, a region's cooperatives, one cooperative), newest first.

Read from Wagtail's log of publishes (PageLogEntry "wagtail.publish"): a page's first publish is new
content, the next ones are new versions, with the change note their revision carries. Only what the
reader may read now, only versions they could read while those were live (kb.access: an older version
written under a restriction keeps it), and a review only where its cooperative may be named. A fixed
number of queries whatever the number of events.
"""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, PageLogEntry

from kb.access import Reader, readable_cooperative_ids, unrestricted_for
from kb.models import CooperativePage, PublishedAudience, RegionPage
from kb.page_types import pages_of
from practices.models import ChecklistPage, ProcedurePage
from tooling.models import ReviewPage

SHOWN = 10  # events listed on the home, region and cooperative pages
PER_PAGE = 30  # events per page of « Toute l'activité »
PUBLISH = "wagtail.publish"
PAGE_FIELDS = ("page__id", "page__title", "page__path", "page__depth", "page__url_path")

# The page types the activity follows, with the card kind that gives their colour (includes/card.html).
# Tools stay out: the catalogue import publishes thousands at once, and their news are their reviews.
KINDS = {ProcedurePage: "procedure", ChecklistPage: "checklist", ReviewPage: "review"}

NEW_PAGE, NEW_VERSION, NEW_REVIEW = "new_page", "new_version", "new_review"
LABELS = {
    NEW_PAGE: _("Nouvelle publication"),
    NEW_VERSION: _("Nouvelle version"),
    NEW_REVIEW: _("Nouvel avis"),
}


@dataclass
class Event:
    """One publish as a reader is told of it."""

    event: str  # NEW_PAGE, NEW_VERSION or NEW_REVIEW
    page: Page  # the page published (its title and URL fields only)
    kind: str  # "procedure", "checklist" or "review": the badge's colour
    type_label: str  # the page type's name, translated
    at: datetime.datetime
    note: str = ""  # the version's change note
    tool: Page | None = None  # a review's tool: its title names the review
    cooperative: CooperativePage | None = None  # a review's cooperative (readable: others are dropped)

    @property
    def label(self):
        return LABELS[self.event]


def scope_cooperatives(request, page):
    """The cooperatives whose content a page's activity lists: None for the whole site (the home
    page), a region's readable cooperatives, a cooperative itself."""
    if isinstance(page, CooperativePage):
        return [page.pk]
    if isinstance(page, RegionPage):
        readable = readable_cooperative_ids(request)
        children = pages_of(CooperativePage).child_of(page).values_list("pk", flat=True)
        return [pk for pk in children if pk in readable]
    return None


def version_readable(reader: Reader):
    """The publishes whose version this reader could read while it was live (kb.access'
    can_read_version, in SQL). An audience is a short JSON list of tokens (["group:3", "login"]):
    a quoted token found in its text is one of them, on SQLite and PostgreSQL alike."""
    audiences = PublishedAudience.objects.annotate(text=Cast("audience", TextField()))
    held = reduce(operator.or_, (Q(text__contains=f'"{token}"') for token in sorted(reader.tokens)))
    return Exists(audiences.filter(held, revision=OuterRef("revision_id")))


def entries(request, cooperatives=None):
    """The publish log entries of the activity this reader may be told of, newest first: a queryset
    to slice or paginate, then to give to `described`. `cooperatives`: ids of the scope, None for all."""
    types = ContentType.objects.get_for_models(*KINDS).values()
    # Among the pages of these types only (the content type is indexed): not the 21,000 tools.
    readable = unrestricted_for(request, Page.objects.live().filter(content_type__in=types)).values("pk")
    hidden_reviews = ReviewPage.objects.exclude(cooperative_id__in=readable_cooperative_ids(request))
    found = (
        PageLogEntry.objects.filter(action=PUBLISH, content_type__in=types, page__in=readable)
        .exclude(page__in=hidden_reviews.values("pk"))
        .select_related("page")
        .only("timestamp", "content_type_id", "page_id", "revision_id", *PAGE_FIELDS)
        .order_by("-timestamp", "-pk")
    )
    reader = Reader.from_request(request)
    if not reader.sees_everything:
        found = found.filter(version_readable(reader))
    if cooperatives is not None:
        found = found.filter(
            Q(page__in=ProcedurePage.objects.filter(author_cooperative__in=cooperatives).values("pk"))
            | Q(page__in=ChecklistPage.objects.filter(author_cooperative__in=cooperatives).values("pk"))
            | Q(page__in=ReviewPage.objects.filter(cooperative__in=cooperatives).values("pk"))
        )
    return found


def described(log_entries) -> list[Event]:
    """Events for these log entries (a page of them), in three more queries at most: their details,
    and a review's cooperative and tool."""
    log_entries = list(log_entries)
    if not log_entries:
        return []
    models = {ct.pk: model for model, ct in ContentType.objects.get_for_models(*KINDS).items()}
    # Read for these entries only, not while sorting all of them: their note, and whether the page
    # had been published before (a new version).
    details = {
        pk: (note, republished)
        for pk, note, republished in PageLogEntry.objects.filter(pk__in=[entry.pk for entry in log_entries])
        .annotate(
            note=KeyTextTransform("change_note", "revision__content"),
            republished=Exists(
                PageLogEntry.objects.filter(
                    page_id=OuterRef("page_id"), action=PUBLISH, pk__lt=OuterRef("pk")
                )
            ),
        )
        .values_list("pk", "note", "republished")
    }
    review_ids = [entry.page_id for entry in log_entries if models[entry.content_type_id] is ReviewPage]
    reviews, tools = {}, {}
    if review_ids:
        reviews = (
            ReviewPage.objects.filter(pk__in=review_ids)
            .select_related("cooperative")
            .only(
                "id",
                "path",
                *(f"cooperative__{name}" for name in ("id", "title", "path", "depth", "url_path")),
            )
            .in_bulk()
        )
        parents = {review.path[: -Page.steplen] for review in reviews.values()}
        tools = {
            tool.path: tool
            for tool in Page.objects.filter(path__in=parents).only("id", "title", "path", "depth", "url_path")
        }
    events = []
    for entry in log_entries:
        model = models[entry.content_type_id]
        review = reviews.get(entry.page_id)
        note, republished = details[entry.pk]
        events.append(
            Event(
                event=NEW_VERSION if republished else NEW_REVIEW if model is ReviewPage else NEW_PAGE,
                page=entry.page,
                kind=KINDS[model],
                type_label=capfirst(model._meta.verbose_name),
                at=entry.timestamp,
                note=str(note or ""),
                tool=tools.get(review.path[: -Page.steplen]) if review else None,
                cooperative=review.cooperative if review else None,
            )
        )
    return events


def latest_events(request, page):
    """The SHOWN latest events of a page's scope, and whether there are more."""
    found = described(entries(request, scope_cooperatives(request, page))[: SHOWN + 1])
    return {"activity": found[:SHOWN], "activity_more": len(found) > SHOWN}


def activity_page(request, page):
    """« Toute l'activité » of a page's scope, PER_PAGE events at a time (?page=N)."""
    if request.user.is_authenticated:
        request.kb_restricted = True  # it may list members-only pages: never cached
    listing = Paginator(entries(request, scope_cooperatives(request, page)), PER_PAGE)
    shown = listing.get_page(request.GET.get("page"))
    scope = {RegionPage: "region", CooperativePage: "cooperative"}.get(type(page), "site")
    context = {"page": page, "scope": scope, "events": shown, "activity": described(shown.object_list)}
    return TemplateResponse(request, "kb/activity.html", context)
