"""« Quoi de neuf »: the latest publishes of the page types the apps name (procedures, checklists, tool
reviews) under a scope (the whole site, a region's cooperatives, one cooperative), newest first.

Read from Wagtail's log of publishes (PageLogEntry "wagtail.publish"): a page's first publish is new
content, the next ones are new versions, with the change note their revision carries. Only what the
reader may read now, only versions they could read while those were live (core.access: an older version
written under a restriction keeps it), and a page signed by a cooperative (a review) only where that
cooperative may be named. A fixed number of queries whatever the number of events.

The page types come from the apps, through the Wagtail hook "kb_activity_page_types": each function
registered under it takes no argument and returns a list of `ActivityType` (practices/wagtail_hooks.py,
tooling/wagtail_hooks.py).
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

from wagtail import hooks
from wagtail.models import Page, PageLogEntry

from core.access import Reader, readable_cooperative_ids, unrestricted_for
from kb.models.audience import PublishedAudience

SHOWN = 10  # events listed on the home, region and cooperative pages
PER_PAGE = 30  # events per page of « Toute l'activité »
PUBLISH = "wagtail.publish"
PAGE_FIELDS = ("page__id", "page__title", "page__path", "page__depth", "page__url_path")
TITLE_FIELDS = ("id", "title", "path", "depth", "url_path")  # what a link to a page needs

NEW_VERSION = _("Nouvelle version")


@dataclass(frozen=True)
class ActivityType:
    """A page type the activity follows, as its app declares it (hook "kb_activity_page_types").
    Tools stay out: the catalogue import publishes thousands at once, and their news are their reviews."""

    model: type[Page]
    kind: str  # the card kind that gives its colour (includes/card.html): "procedure", "review"…
    cooperative_field: str  # its foreign key to the cooperative it comes from: a scope's filter
    first_publish: str = _("Nouvelle publication")  # the label of its first publish
    # A page that speaks for its cooperative (a review): listed only where that cooperative may be
    # read, shown with it, and named by its parent page (the tool reviewed).
    signed: bool = False


def activity_types() -> list[ActivityType]:
    return [found for hook in hooks.get_hooks("kb_activity_page_types") for found in hook()]


@dataclass
class Event:
    """One publish as a reader is told of it."""

    label: str  # « Nouvelle publication », « Nouvelle version », « Nouvel avis »…
    page: Page  # the page published (its title and URL fields only)
    kind: str  # "procedure", "checklist" or "review": the badge's colour
    type_label: str  # the page type's name, translated
    at: datetime.datetime
    note: str = ""  # the version's change note
    subject: Page | None = None  # a signed page's parent, whose title names it (a review's tool)
    cooperative: Page | None = None  # a signed page's cooperative (readable: others are dropped)


def version_readable(reader: Reader):
    """The publishes whose version this reader could read while it was live (core.access'
    can_read_version, in SQL). An audience is a short JSON list of tokens (["group:3", "login"]):
    a quoted token found in its text is one of them, on SQLite and PostgreSQL alike."""
    audiences = PublishedAudience.objects.annotate(text=Cast("audience", TextField()))
    held = reduce(operator.or_, (Q(text__contains=f'"{token}"') for token in sorted(reader.tokens)))
    return Exists(audiences.filter(held, revision=OuterRef("revision_id")))


def entries(request, cooperatives=None):
    """The publish log entries of the activity this reader may be told of, newest first: a queryset
    to slice or paginate, then to give to `described`. `cooperatives`: ids of the scope, None for all."""
    types = activity_types()
    content_types = ContentType.objects.get_for_models(*(kind.model for kind in types)).values()
    # Among the pages of these types only (the content type is indexed): not the 21,000 tools.
    readable = unrestricted_for(request, Page.objects.live().filter(content_type__in=content_types))
    found = PageLogEntry.objects.filter(
        action=PUBLISH, content_type__in=content_types, page__in=readable.values("pk")
    )
    for kind in types:
        if kind.signed:
            cooperative_id = f"{kind.cooperative_field}_id__in"
            unnamed = kind.model.objects.exclude(**{cooperative_id: readable_cooperative_ids(request)})
            found = found.exclude(page__in=unnamed.values("pk"))
    found = (
        found.select_related("page")
        .only("timestamp", "content_type_id", "page_id", "revision_id", *PAGE_FIELDS)
        .order_by("-timestamp", "-pk")
    )
    reader = Reader.from_request(request)
    if not reader.sees_everything:
        found = found.filter(version_readable(reader))
    if cooperatives is not None:
        in_scope = (
            kind.model.objects.filter(**{f"{kind.cooperative_field}__in": cooperatives}).values("pk")
            for kind in types
        )
        found = found.filter(reduce(operator.or_, (Q(page__in=pages) for pages in in_scope)))
    return found


def described(log_entries) -> list[Event]:
    """Events for these log entries (a page of them), in three more queries at most: their details,
    and a signed page's cooperative and parent (one query per signed type)."""
    log_entries = list(log_entries)
    if not log_entries:
        return []
    types = activity_types()
    content_types = ContentType.objects.get_for_models(*(kind.model for kind in types))
    kinds = {content_types[kind.model].pk: kind for kind in types}
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
    signed = signed_pages(log_entries, kinds)
    parents = {page.path[: -Page.steplen] for page in signed.values()}
    subjects = {}
    if parents:
        subjects = {page.path: page for page in Page.objects.filter(path__in=parents).only(*TITLE_FIELDS)}
    events = []
    for entry in log_entries:
        kind = kinds[entry.content_type_id]
        page = signed.get(entry.page_id)
        note, republished = details[entry.pk]
        events.append(
            Event(
                label=NEW_VERSION if republished else kind.first_publish,
                page=entry.page,
                kind=kind.kind,
                type_label=capfirst(kind.model._meta.verbose_name),
                at=entry.timestamp,
                note=str(note or ""),
                subject=subjects.get(page.path[: -Page.steplen]) if page else None,
                cooperative=getattr(page, kind.cooperative_field) if page else None,
            )
        )
    return events


def signed_pages(log_entries, kinds):
    """The signed pages among these entries' pages, by id, each with its cooperative's title and URL
    fields: one query per signed type found."""
    ids = {}
    for entry in log_entries:
        kind = kinds[entry.content_type_id]
        if kind.signed:
            ids.setdefault(kind.model, (kind, []))[1].append(entry.page_id)
    found = {}
    for kind, pks in ids.values():
        related = kind.cooperative_field
        found |= (
            kind.model.objects.filter(pk__in=pks)
            .select_related(related)
            .only("id", "path", *(f"{related}__{name}" for name in TITLE_FIELDS))
            .in_bulk()
        )
    return found


def latest_events(request, page):
    """The SHOWN latest events of a page's scope, and whether there are more."""
    found = described(entries(request, page.activity_cooperatives(request))[: SHOWN + 1])
    return {"activity": found[:SHOWN], "activity_more": len(found) > SHOWN}


def activity_page(request, page):
    """« Toute l'activité » of a page's scope, PER_PAGE events at a time (?page=N)."""
    if request.user.is_authenticated:
        request.kb_restricted = True  # it may list members-only pages: never cached
    listing = Paginator(entries(request, page.activity_cooperatives(request)), PER_PAGE)
    shown = listing.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "scope": page.activity_scope,
        "events": shown,
        "activity": described(shown.object_list),
    }
    return TemplateResponse(request, "kb/activity.html", context)
