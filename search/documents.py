"""Build SearchDocument rows from pages (their `get_search_document()`) and keep engines in step."""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from .engines import indexing_engines
from .engines.base import LOGGED_IN, PUBLIC, group_token
from .models import SearchDocument

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
DOCUMENT_FIELDS = [
    "kind", "title", "summary", "body", "comments", "tags", "category", "region",
    "cooperatives", "ring", "score", "external_id", "date", "url", "audience", "boost",
]  # fmt: skip

# Package families that repeat the main tool's description: buried below the tool people mean.
DEMOTED_SUFFIXES = (
    "-doc", "-dev", "-dbg", "-data", "-common", "-examples", "-l10n", "-locale", "-i18n",
    "-plugins", "-tests", "-dbgsym", "-java", "-perl", "-utils-doc", "-headers",
)  # fmt: skip
DEMOTED_PREFIXES = ("lib", "python3-", "ruby-", "node-", "golang-", "r-cran-", "fonts-", "php-")


def restrictions_by_page() -> dict[str, list[PageViewRestriction]]:
    """Every view restriction, keyed by its page's tree path (there are few of them)."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related(Prefetch("groups"))
    by_path = {}
    for restriction in restrictions:
        by_path.setdefault(restriction.page.path, []).append(restriction)
    return by_path


def audience_of(page: Page, restrictions: dict[str, list[PageViewRestriction]]) -> list[str] | None:
    """Audience tokens of a page from the restrictions on it and its ancestors; None: index nothing.

    A password-protected page is never indexed. Several group restrictions on the way down are
    met only by members of every list: we keep their intersection (stricter, never wider).
    """
    steps = Page.steplen
    found = [
        restriction
        for depth in range(1, len(page.path) // steps + 1)
        for restriction in restrictions.get(page.path[: depth * steps], ())
    ]
    if not found:
        return [PUBLIC]
    groups = None
    for restriction in found:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return None
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            ids = {group.pk for group in restriction.groups.all()}
            groups = ids if groups is None else groups & ids
    if groups is None:
        return [LOGGED_IN]
    return [group_token(pk) for pk in sorted(groups)] or None


def boost_for(kind: str, title: str) -> float:
    """Demote library, documentation and data packages of a tool family."""
    if kind != "tool":
        return 1.0
    name = title.lower()
    if name.endswith(DEMOTED_SUFFIXES) or name.startswith(DEMOTED_PREFIXES):
        return 0.5
    return 1.0


def build(page: Page, restrictions) -> SearchDocument | None:
    """The search document of a live, readable-by-someone page; None when it must not be indexed."""
    if not page.live or not hasattr(page, "get_search_document"):
        return None
    audience = audience_of(page, restrictions)
    url = page.get_url()
    if audience is None or not url:
        return None
    data = page.get_search_document()
    return SearchDocument(
        page_id=page.pk,
        kind=data["kind"],
        title=data["title"][:255],
        summary=data.get("summary") or "",
        body=data.get("body") or "",
        comments=data.get("comments") or "",
        tags=list(data.get("tags") or []),
        category=(data.get("category") or "")[:255],
        region=(data.get("region") or "")[:255],
        cooperatives=list(data.get("cooperatives") or []),
        ring=data.get("ring") or "",
        score=data.get("score"),
        external_id=data.get("external_id") or "",
        date=data.get("date") or page.last_published_at,
        url=url,
        audience=audience,
        boost=boost_for(data["kind"], data["title"]),
        indexed_at=timezone.now(),
    )


def save_documents(documents: Sequence[SearchDocument], to_engine: bool = True) -> None:
    """Upsert rows (bulk) and hand them to the engine (a full rebuild does that once at the end)."""
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=[*DOCUMENT_FIELDS, "indexed_at"],
    )
    if to_engine:
        for engine in indexing_engines():
            engine.index_documents(documents)


def remove_documents(page_ids: Sequence[int], to_engine: bool = True) -> None:
    SearchDocument.objects.filter(page_id__in=page_ids).delete()
    if to_engine:
        for engine in indexing_engines():
            engine.delete_documents(page_ids)


@dataclass
class Outcome:
    indexed: int = 0
    removed: int = 0
    failed: list[int] = field(default_factory=list)


def refresh(page_ids: Iterable[int], to_engine: bool = True, progress=None) -> Outcome:
    """Bring the index in line with these pages, whatever happened to them.

    A page whose document cannot be built is logged and left as it was; the others go on.
    """
    page_ids = sorted(set(page_ids))
    restrictions = restrictions_by_page()
    outcome = Outcome()
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        documents, failed = [], set()
        pages = list(Page.objects.filter(pk__in=batch).specific())
        _prefetch(pages)
        for page in pages:
            try:
                document = build(page, restrictions)
            except Exception:
                logger.exception("Search document of page %s could not be built", page.pk)
                failed.add(page.pk)
                continue
            if document is not None:
                documents.append(document)
        kept = {document.page_id for document in documents} | failed
        gone = [pk for pk in batch if pk not in kept]
        if documents:
            save_documents(documents, to_engine)
        if gone:
            remove_documents(gone, to_engine)
        outcome.indexed += len(documents)
        outcome.removed += len(gone)
        outcome.failed += sorted(failed)
        if progress:
            progress(len(batch))
    return outcome


def _prefetch(pages) -> None:
    """Let page models that can (prefetch_search_data) load what their documents need per batch,
    rather than a few queries per page."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        if hasattr(model, "prefetch_search_data"):
            model.prefetch_search_data(group)


def searchable_page_ids() -> list[int]:
    """Every page of a model that defines get_search_document(), plus those already indexed."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and hasattr(model, "get_search_document")
    ]
    content_types = ContentType.objects.get_for_models(*models).values()
    pages = Page.objects.filter(content_type__in=content_types).values_list("pk", flat=True)
    return sorted({*pages, *SearchDocument.objects.values_list("page_id", flat=True)})


def with_descendants(page_ids: Iterable[int]) -> list[int]:
    """These pages and everything below them (a move or restriction change reaches the subtree)."""
    ids = set(page_ids)
    for page in Page.objects.filter(pk__in=ids).only("path", "depth"):
        ids.update(Page.objects.descendant_of(page).values_list("pk", flat=True))
    return sorted(ids)
