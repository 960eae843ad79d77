"""Build SearchDocument rows from pages (their `search_data()`) and keep engines in step: the indexer
side of the search contract (search/engines/README.md, « The search contract »)."""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page, PageLogEntry

from core.access import Restrictions, indexable
from core.searchable import Searchable

from . import families
from .engines import get_database_engine
from .models import SearchDocument
from .semantic import embed_documents

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
DOCUMENT_FIELDS = [
    "kind", "title", "summary", "body", "comments", "tags", "category", "region",
    "cooperatives", "ring", "score", "external_id", "date", "url", "audience", "boost", "vector",
]  # fmt: skip


def build(page: Page, restrictions: Restrictions) -> SearchDocument | None:
    """The search document of a live page a known audience may read; None when it must not be indexed.
    Pages give their data for that audience: what they name (reviews' rings, cooperatives) must
    be readable by everyone who may read the document."""
    if not page.live or not isinstance(page, Searchable):
        return None
    audience = restrictions.audience(page)
    url = page.get_url()
    if not indexable(audience) or not url:
        return None
    data = page.search_data(audience, restrictions)
    if data is None:
        return None
    return SearchDocument(
        page_id=page.pk,
        kind=data.kind,
        title=data.title[:255],
        summary=data.summary,
        body=data.body,
        comments=data.comments,
        tags=list(data.tags),
        category=data.category[:255],
        region=data.region[:255],
        cooperatives=list(data.cooperatives),
        ring=data.ring,
        score=data.score,
        external_id=data.external_id,
        date=data.date or page.last_published_at,
        url=url,
        audience=sorted(audience),
        boost=families.boost(data.kind, data.title, data.section),
        indexed_at=timezone.now(),
    )


def save_documents(documents: Sequence[SearchDocument], to_engine: bool = True) -> None:
    """Embed, upsert rows (bulk) and hand them to the database engine (a full rebuild does that once
    at the end); other engines get them from the rows afterwards (engine_updates)."""
    embed_documents(documents)
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=[*DOCUMENT_FIELDS, "indexed_at"],
    )
    if to_engine:
        get_database_engine().index_documents(documents)


def remove_documents(page_ids: Sequence[int], to_engine: bool = True) -> None:
    SearchDocument.objects.filter(page_id__in=page_ids).delete()
    if to_engine:
        get_database_engine().delete_documents(page_ids)


@dataclass
class Outcome:
    indexed: int = 0
    removed: int = 0
    failed: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)  # indexed or removed: what other engines need


def refresh(page_ids: Iterable[int], to_engine: bool = True, progress=None, follow: bool = True) -> Outcome:
    """Bring the index in line with these pages, whatever happened to them, then (`follow`) the
    pages whose documents show something of theirs (`search_dependents()`: a review's tool, the
    pages naming a cooperative).

    A page whose document cannot be built is logged and left as it was; the others go on.
    """
    page_ids = sorted(set(page_ids))
    restrictions = Restrictions.load()
    outcome = Outcome()
    dependents = set()
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        documents, failed = [], set()
        pages = list(Page.objects.filter(pk__in=batch).specific())
        _prefetch(pages)
        for page in pages:
            if follow and isinstance(page, Searchable):
                dependents.update(page.search_dependents())
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
        outcome.changed += sorted({document.page_id for document in documents} | set(gone))
        if progress:
            progress(len(batch))
    if extra := dependents.difference(page_ids):
        followed = refresh(extra, to_engine, follow=False)
        outcome.indexed += followed.indexed
        outcome.removed += followed.removed
        outcome.failed += followed.failed
        outcome.changed += followed.changed
    return outcome


def _prefetch(pages) -> None:
    """Let each page model load what its pages' data needs once per batch (prefetch_search_data)."""
    by_model = defaultdict(list)
    for page in pages:
        if isinstance(page, Searchable):
            by_model[type(page)].append(page)
    for model, group in by_model.items():
        model.prefetch_search_data(group)


def searchable_page_ids() -> list[int]:
    """Every page of a Searchable model, plus those already indexed."""
    models = [
        model for model in apps.get_models() if issubclass(model, Page) and issubclass(model, Searchable)
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


def touched_since(when) -> list[int]:
    """Pages published, unpublished, moved, restricted or deleted since `when` (Wagtail logs each
    action, deleted pages included), their subtrees, and the rows written since: what an engine
    that missed updates from then on must be sent again."""
    logged = PageLogEntry.objects.filter(timestamp__gte=when).values_list("page_id", flat=True)
    written = SearchDocument.objects.filter(indexed_at__gte=when).values_list("page_id", flat=True)
    return with_descendants({*logged, *written})
