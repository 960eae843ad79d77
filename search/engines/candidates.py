"""The semantic side's candidates, one rule for every engine: the documents closest to the query
that the reader may read (core.access, as the lexical side), found in one process's `SemanticIndex`.

The database engine owns the process's `SemanticCandidates` (its metadata cache says who may read
what); the Elasticsearch engine asks the same one, so a process holds one matrix of vectors.
"""

from __future__ import annotations

from itertools import islice

from .. import semantic
from .base import SearchQuery
from .metadata import Meta, MetadataCache, readable_items

# Documents the words missed join the matches when this close to the query, at most this many.
SEMANTIC_CANDIDATES = 50
SEMANTIC_THRESHOLD = 0.3


class SemanticCandidates:
    def __init__(self, metadata: MetadataCache):
        self._metadata = metadata
        self._index = semantic.SemanticIndex()

    def cosines(self, query: SearchQuery, metadata: dict[int, Meta] | None = None) -> semantic.Cosines | None:
        """The query's cosine to every document, and in `candidates` the readable ones close enough
        to join the matches; None when the semantic side is off. `metadata`: the cache as the
        caller already read it (read here otherwise)."""
        if not semantic.enabled():
            return None
        if metadata is None:
            metadata = self._metadata.get()
        self._index.refresh(self._metadata.version, metadata)
        cosines = semantic.Cosines(*self._index.scores(semantic.query_vector(query.text)))
        close = readable_items(cosines.above(SEMANTIC_THRESHOLD), metadata, query.reader)
        cosines.candidates = [pk for pk, _ in islice(close, SEMANTIC_CANDIDATES)]
        return cosines
