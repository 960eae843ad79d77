"""The engine interface: what the views and the index sync ask of any search engine.

Views build a `SearchQuery`, call `search.engines.run_search(query)` (or `get_engine().suggest(...)`)
and get a `SearchResults` back; they never know which engine answered. The source of truth is the
`kbsearch.SearchDocument` table (one row per searchable live page: search/engines/README.md, « The
search contract »): engines mirror those rows into their own index through `index_documents` /
`delete_documents` / `rebuild`.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from core.access import Reader

# Facet names, in display order. Filters and facets use the same names.
FACETS = ("kind", "category", "tags", "region", "cooperative", "ring")
SORTS = ("relevance", "date")
KINDS = ("procedure", "checklist", "tool", "review", "cooperative")


@dataclass(frozen=True)
class SearchQuery:
    """A validated search request. `text` is raw user text: engines must never pass it
    unescaped to their query parser (quote or tokenise it)."""

    text: str = ""
    reader: Reader = field(default_factory=Reader.anonymous)
    # facet name (one of FACETS) -> selected values: OR within a facet, AND between facets.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"  # one of SORTS
    page: int = 1  # 1-based
    per_page: int = 10
    with_facets: bool = True  # facet counts over the whole filtered result set

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class SearchHit:
    page_id: int
    kind: str
    title: str
    url: str
    excerpt: str  # safe HTML: escaped text where only <mark>…</mark> tags are markup
    cooperatives: list[str]
    date: datetime | None
    external_id: str = ""
    score: float = 0.0  # engine relevance (higher is better; only comparable within one result set)
    category: str = ""
    region: str = ""
    tags: list[str] = field(default_factory=list)
    ring: str = ""
    rating: float | None = None  # the document's "score" (tools/reviews average 1-5)


@dataclass
class SearchResults:
    hits: list[SearchHit]
    count: int  # total matching documents readable by the reader (not just this page)
    # facet name -> [(value, count)] sorted by count desc then value; only readable documents counted.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str = ""  # "did you mean" query text, "" when none
    engine: str = ""  # name of the engine that answered
    notice: str = ""  # message for the reader (e.g. fallback to the database engine)


@dataclass
class Suggestion:
    """An autocomplete entry."""

    title: str
    url: str
    kind: str


class EngineUnavailable(Exception):
    """The engine cannot answer now (server down, timeout): callers fall back to the database."""


class SearchEngine(abc.ABC):
    name: str = ""

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Readable documents matching query.text, filtered, sorted, paginated, with facets and
        a suggestion when nothing matches. An empty text lists every readable document that
        matches the filters, newest first (browsing by facet)."""

    @abc.abstractmethod
    def suggest(self, prefix: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
        """Autocomplete: readable documents whose title words start with the prefix words."""

    @abc.abstractmethod
    def index_documents(self, documents: Sequence) -> None:
        """Add or replace these SearchDocument rows in the engine's index."""

    @abc.abstractmethod
    def delete_documents(self, page_ids: Sequence[int]) -> None:
        """Remove these pages from the engine's index (unknown ids are ignored)."""

    @abc.abstractmethod
    def rebuild(self, documents: Iterable, progress=None) -> int:
        """Replace the whole index with `documents` (an iterable of SearchDocument rows);
        `progress(n)` is called as batches are indexed. Returns the number indexed."""
