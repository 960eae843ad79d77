"""What the database engines know of every document besides its text, cached in each process.

Facets, reader rights and boosts are worked out in Python over this cache, so a search costs one
full-text query whatever the facets. Each index change bumps `IndexState.version` and stamps the rows
it wrote with that version (`SearchDocument.revision`): a process that sees the version move reloads
only those rows, not the whole table, so the first search after a publish stays fast.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F

from core.access import PUBLIC

from ..families import family_of
from ..models import IndexState, SearchDocument
from ..reranking import KIND_BOOST
from ..text import index_text

# Past this share of changed rows, reading the whole table costs no more than patching the cache.
FULL_RELOAD_SHARE = 0.5
FIELDS = (
    "page_id", "kind", "category", "region", "ring", "tags", "cooperatives",
    "audience", "boost", "date", "title",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class FacetValues:
    """One combination of facet values (facet name -> values), shared by every document that has
    it: facets and filters are worked out once per combination, not once per document."""

    values: dict[str, tuple[str, ...]]

    def __getitem__(self, facet: str) -> tuple[str, ...]:
        return self.values[facet]


@dataclass(frozen=True, slots=True)
class Meta:
    """What search needs of a document besides its text."""

    facets: FacetValues
    audience: frozenset[str]
    public: bool
    boost: float  # kind boost times the package demotion
    date: float  # timestamp, for sorting
    published: datetime | None  # the document's date, as hits show it
    family: str  # near-duplicate key for tools ("0ad-data" -> "0ad")
    title_terms: str  # the title's index terms, space separated and padded (" a b ")


def bump_version() -> int:
    """Move the index version on and return it. Call it first in the transaction that changes the
    index: the row lock it takes makes versions follow commit order, so a reader that sees version
    N has every change up to N."""
    state, _ = IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=state.pk).update(version=F("version") + 1)
    return IndexState.objects.values_list("version", flat=True).get(pk=state.pk)


class MetadataCache:
    def __init__(self):
        self._meta: dict[int, Meta] | None = None
        self._version: int | None = None
        self._shared: dict[tuple, FacetValues] = {}
        self._lock = threading.Lock()

    @property
    def version(self) -> int | None:
        """The index version the cache was last loaded at."""
        return self._version

    def get(self) -> dict[int, Meta]:
        version = _current_version()
        if self._meta is not None and version == self._version:
            return self._meta
        with self._lock:  # one thread reloads; the others then find it done
            if self._meta is None or version != self._version:
                self._meta = self._reload(version)
                self._version = version
        return self._meta

    def _reload(self, version: int) -> dict[int, Meta]:
        # A version that went back means a restored database: nothing cached can be trusted.
        if self._meta is not None and self._version is not None and version > self._version:
            changed = SearchDocument.objects.filter(revision__gt=self._version)
            if changed.count() <= FULL_RELOAD_SHARE * len(self._meta):
                return self._patched(changed)
        self._shared = {}
        return {pk: self._build(*fields) for pk, *fields in SearchDocument.objects.values_list(*FIELDS)}

    def _patched(self, changed) -> dict[int, Meta]:
        """The cache with the changed rows rebuilt and removed documents dropped (a new dict:
        searches running in other threads keep reading the old one)."""
        meta = {pk: self._meta[pk] for pk in _document_ids() if pk in self._meta}
        meta.update({pk: self._build(*fields) for pk, *fields in changed.values_list(*FIELDS)})
        return meta

    def _build(self, kind, category, region, ring, tags, coops, audience, boost, date, title) -> Meta:
        values = (
            (kind,),
            (category,) if category else (),
            (region,) if region else (),
            tuple(tags),
            tuple(coops),
            (ring,) if ring else (),
        )
        facets = self._shared.get(values)
        if facets is None:
            names = ("kind", "category", "region", "tags", "cooperative", "ring")
            facets = self._shared[values] = FacetValues(dict(zip(names, values, strict=True)))
        return Meta(
            facets=facets,
            audience=frozenset(audience),
            public=PUBLIC in audience,
            boost=boost * KIND_BOOST.get(kind, 1.0),
            date=date.timestamp() if date else 0.0,
            published=date,
            family=family_of(kind, title),
            title_terms=f" {index_text(title)} ",
        )


def readable(page_ids, metadata, reader) -> dict[int, Meta]:
    """The matches this reader may read (core.access), in match order: pk -> meta."""
    return dict(readable_items(page_ids, metadata, reader))


def readable_items(page_ids, metadata, reader):
    """(pk, meta) of the matches this reader may read, in match order, as the caller reads on."""
    get = metadata.get
    can_read = reader.can_read
    # `meta.public` first: every reader holds the public token, and most documents are public.
    for pk in page_ids:
        if (meta := get(pk)) is not None and (meta.public or can_read(meta.audience)):
            yield pk, meta


def _current_version() -> int:
    # A plain cursor: this runs on every search, and the ORM would cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {IndexState._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def _document_ids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT page_id FROM {SearchDocument._meta.db_table}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]
