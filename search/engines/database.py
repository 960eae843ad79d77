"""What the SQLite and PostgreSQL engines share: query analysis, reader/filters/facets, ranking.

The full-text index gives every matching page with a raw relevance; the rest is done here over a
per-process cache of the documents' small fields (kind, facets, audience, boost, date: see
metadata.py). That keeps the full-text work of a search the same, whatever the facets.
"""

from __future__ import annotations

import abc
import heapq
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import F

import numpy as np

from core.access import Reader

from .. import synonyms
from ..excerpts import highlight
from ..fusion import final_order
from ..models import SearchDocument, SearchTerm
from ..reranking import RERANK_DEPTH, Head, rerank
from ..text import STOP_WORDS, clean_query, fold, stem, words
from ..vocabulary import edits1, needs_correction, term_rows
from .base import FACETS, SearchEngine, SearchHit, SearchQuery, SearchResults, Suggestion
from .candidates import SemanticCandidates
from .metadata import FacetValues, MetadataCache, bump_version, readable

MAX_TERMS = 24

# Typo corrections tried per word, most frequent first, until one is a word the reader may read.
CANDIDATES = 5


@dataclass(frozen=True)
class Analysed:
    """The query as the engines need it: concepts (each a set of alternatives) to match."""

    text: str
    concepts: list[list[tuple[str, ...]]]  # per query word or synonym group: alternatives (stem tuples)
    corrections: dict[str, str] = field(default_factory=dict)  # typed folded word -> corrected display
    # Alternative -> the text it stems from (a folded query word, a correction, a synonym phrase as
    # written), for engines that analyse words themselves (PostgreSQL's text search configuration).
    texts: dict[tuple[str, ...], str] = field(default_factory=dict)

    @property
    def alternatives(self) -> list[tuple[str, ...]]:
        seen, flat = set(), []
        for concept in self.concepts:
            for alternative in concept:
                if alternative not in seen:
                    seen.add(alternative)
                    flat.append(alternative)
        return flat

    @property
    def stems(self) -> set[str]:
        return {term for alternative in self.alternatives for term in alternative}

    def only(self, concept) -> Analysed:
        """The same query reduced to one of its concepts."""
        return replace(self, concepts=[concept], corrections={})


class DatabaseEngine(SearchEngine):
    """Shared pipeline; subclasses provide the full-text index itself."""

    def __init__(self):
        self._metadata = MetadataCache()
        # The process's semantic side; the Elasticsearch engine asks it too (candidates.py).
        self.semantic_candidates = SemanticCandidates(self._metadata)

    # --- full-text index, per database -------------------------------------------------------
    @abc.abstractmethod
    def _match_ids(self, analysed: Analysed) -> list[int]:
        """Ids of every document matching any alternative, unscored (for counts and facets)."""

    @abc.abstractmethod
    def _match(self, analysed: Analysed) -> list[tuple[int, float]]:
        """(page_id, relevance ≥ 0) of every document matching any alternative, unordered."""

    @abc.abstractmethod
    def _prefix_match(self, prefixes: list[str], limit: int) -> list[int]:
        """Page ids whose title has words starting with every prefix, best first."""

    @abc.abstractmethod
    def _write(self, documents) -> None: ...

    @abc.abstractmethod
    def _erase(self, page_ids) -> None: ...

    @abc.abstractmethod
    def _erase_all(self) -> None: ...

    # --- index maintenance -----------------------------------------------------------------
    def index_documents(self, documents) -> None:
        page_ids = [document.page_id for document in documents]
        with transaction.atomic():
            version = bump_version()
            self._erase(page_ids)
            self._write(documents)
            self._learn_words(documents)
            SearchDocument.objects.filter(page_id__in=page_ids).update(revision=version)

    def delete_documents(self, page_ids) -> None:
        with transaction.atomic():
            bump_version()
            self._erase(list(page_ids))

    def rebuild(self, documents, progress=None) -> int:
        count = 0
        texts = []
        with transaction.atomic():
            version = bump_version()
            self._erase_all()
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) >= 1000:
                    self._write(batch)
                    texts += [_vocabulary_text(d) for d in batch]
                    count += len(batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                self._write(batch)
                texts += [_vocabulary_text(d) for d in batch]
                count += len(batch)
                if progress:
                    progress(len(batch))
            SearchTerm.objects.all().delete()
            SearchTerm.objects.bulk_create(term_rows(texts), batch_size=2000)
            self._compact()
            SearchDocument.objects.update(revision=version)
        return count

    def _compact(self) -> None:
        """After a rebuild: make the new index as fast to query as it can be (no-op by default)."""

    def _learn_words(self, documents) -> None:
        rows = term_rows(_vocabulary_text(document) for document in documents)
        known = set(
            SearchTerm.objects.filter(word__in=[row.word for row in rows]).values_list("word", flat=True)
        )
        SearchTerm.objects.bulk_create([row for row in rows if row.word not in known])
        SearchTerm.objects.filter(word__in=known).update(documents=F("documents") + 1)

    # --- query analysis --------------------------------------------------------------------
    def analyse(self, text: str, reader: Reader | None = None) -> Analysed:
        """The query's concepts; a typo is corrected to the most frequent word one edit away that
        this reader may read (`reader` None: any word of the vocabulary)."""
        text = clean_query(text)
        typed = [word for word in words(text) if word not in STOP_WORDS][:MAX_TERMS]
        stems = [stem(word) for word in typed]
        known = _known_stems(stems)
        concepts, corrections, texts = [], {}, {}
        for word, word_stem in zip(typed, stems, strict=True):
            alternatives = [(word_stem,)]
            texts.setdefault((word_stem,), word)
            if word_stem not in known and needs_correction(word):
                correction = self._correct(word, reader)
                if correction is not None:
                    corrections[word] = correction.display
                    alternatives.append((correction.stem,))
                    texts.setdefault((correction.stem,), correction.word)
            concepts.append(alternatives)
        # A synonym is one more way to write the query words it stands for, not one more concept:
        # a document saying "password" covers « mots de passe » as much as one saying it.
        phrases = synonyms.phrases()
        for span, others in synonyms.alternatives(tuple(stems)):
            for index in span:
                concepts[index] += [other for other in others if other not in concepts[index]]
            for other in others:
                texts.setdefault(other, phrases[other])
        return Analysed(text=text, concepts=_dedupe(concepts), corrections=corrections, texts=texts)

    def _correct(self, word: str, reader: Reader | None) -> SearchTerm | None:
        """The vocabulary holds the words of restricted pages too: a candidate counts only when the
        reader may read a document with it, or the public would lose the correction to a word they
        may not see (and learn that it exists)."""
        for term in self._candidates(word):
            if reader is None or self._readable_word(term, reader):
                return term
        return None

    def _candidates(self, word: str) -> list[SearchTerm]:
        """Vocabulary words one edit away from `word`, most frequent first."""
        terms = SearchTerm.objects.filter(word__in=edits1(word)).order_by("-documents", "word")
        return list(terms[:CANDIDATES])

    def _readable_word(self, term: SearchTerm, reader: Reader) -> bool:
        if reader.sees_everything:
            return True
        probe = Analysed(text=term.display, concepts=[[(term.stem,)]], texts={(term.stem,): term.word})
        return bool(readable(self._match_ids(probe), self._metadata.get(), reader))

    # --- searching -------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        metadata = self._metadata.get()
        analysed = self.analyse(query.text, query.reader)
        relevance = None
        if not analysed.concepts:
            # Only stop words or symbols: nothing to look for; no text at all: browsing by facet.
            matches = [] if query.text.strip() else list(metadata)
        elif query.sort == "date":
            matches = self._match_ids(analysed)
        else:
            # Every match with its relevance in one query: counts, facets and ranking all read it.
            matches = relevance = dict(self._match(analysed))
        cosines = self.semantic_candidates.cosines(query, metadata) if relevance is not None else None
        if cosines is not None:
            # What the words missed but the meaning found (readable documents only, see candidates.py).
            for pk in cosines.candidates:
                relevance.setdefault(pk, 0.0)
        visible = readable(matches, metadata, query.reader)
        combinations = Counter(map(attrgetter("facets"), visible.values()))
        facets = _facets(combinations, query.filters) if query.with_facets else {}
        filters = {name: values for name, values in query.filters.items() if values}
        if filters:
            passing = {values for values in combinations if _passes(values, filters)}
            selected = {pk: meta for pk, meta in visible.items() if meta.facets in passing}
        else:
            selected = visible
        wanted = query.offset + query.per_page
        if query.sort == "date" or not analysed.concepts:
            ordered = [
                pk for _, pk in heapq.nsmallest(wanted, ((-meta.date, pk) for pk, meta in selected.items()))
            ]
            scores = {}
        else:
            ordered, scores = self._rank(selected, analysed, wanted, relevance)
            kind_of = lambda pk: metadata[pk].facets["kind"][0]  # noqa: E731
            ordered, scores = final_order(query.text, ordered, scores, kind_of, cosines, among=selected)
        page_ids = ordered[query.offset : wanted]
        hits = self._hits(page_ids, analysed, scores, metadata)
        suggestion = self._suggestion(analysed) if analysed.corrections else ""
        return SearchResults(
            hits=hits, count=len(selected), facets=facets, suggestion=suggestion, engine=self.name
        )

    def _concept_matches(self, analysed: Analysed, _page_ids: list[int]) -> list[set[int]]:
        """Which of these documents match each concept: how many of the sets hold a document tells
        how much of the query it covers. (Engines may leave other documents in the sets.)"""
        return [set(self._match_ids(analysed.only(concept))) for concept in analysed.concepts]

    def _rank(
        self, selected, analysed: Analysed, wanted: int, relevance
    ) -> tuple[list[int], dict[int, float]]:
        """BM25 times kind and package boosts, then the shared re-ranking of the best (reranking.py):
        the concepts each covers tested on the index entries of those documents only."""
        first = [
            (score, pk, selected[pk]) for pk, score in _best(selected, relevance, max(wanted, RERANK_DEPTH))
        ]
        head, tail = first[:RERANK_DEPTH], first[RERANK_DEPTH:]
        concepts = analysed.concepts
        several = len(concepts) > 1
        found = self._concept_matches(analysed, [pk for _, pk, _ in head]) if several and head else []
        entries = [
            Head(pk, score, sum(pk in ids for ids in found), meta.title_terms, meta.family)
            for score, pk, meta in head
        ]
        collapsed = rerank(entries, concepts)
        ordered = [pk for _, pk in collapsed] + [pk for _, pk, _ in tail]
        scores = {pk: score for score, pk in collapsed} | {pk: score for score, pk, _ in tail}
        return ordered, scores

    def _hits(self, page_ids, analysed: Analysed, scores, metadata) -> list[SearchHit]:
        documents = _hit_texts(page_ids)
        excerpts = self._excerpts(documents, analysed)
        hits = []
        for pk in page_ids:
            document, meta = documents.get(pk), metadata.get(pk)
            if document is None or meta is None:
                continue  # removed since the cache was read
            facets = meta.facets
            hits.append(
                SearchHit(
                    page_id=pk,
                    kind=facets["kind"][0],
                    title=document.title,
                    url=document.url,
                    excerpt=excerpts[pk],
                    cooperatives=list(facets["cooperative"]),
                    date=meta.published,
                    external_id=document.external_id,
                    score=round(scores.get(pk, 0.0), 4),
                    category="".join(facets["category"]),
                    region="".join(facets["region"]),
                    tags=list(facets["tags"]),
                    ring="".join(facets["ring"]),
                    rating=document.rating,
                )
            )
        return hits

    def _excerpts(self, documents: dict, analysed: Analysed) -> dict[int, str]:
        """Highlighted excerpt of each document (page_id -> safe HTML)."""
        stems = analysed.stems
        return {pk: _excerpt(document, stems) for pk, document in documents.items()}

    def _suggestion(self, analysed: Analysed) -> str:
        """The query with its typos corrected (each correction is a word this reader may read)."""
        corrected = [analysed.corrections.get(fold(token), token) for token in analysed.text.split()]
        return " ".join(corrected)

    def suggest(self, prefix, reader, limit=8) -> list[Suggestion]:
        prefixes = [word for word in words(clean_query(prefix, 100)) if word][:6]
        if not prefixes or len("".join(prefixes)) < 2:
            return []
        metadata = self._metadata.get()
        matches = self._prefix_match(prefixes, limit * 20)
        found = list(readable(matches, metadata, reader))[:limit]
        documents = SearchDocument.objects.in_bulk(found)
        return [
            Suggestion(title=documents[pk].title, url=documents[pk].url, kind=documents[pk].kind)
            for pk in found
            if pk in documents
        ]


def _best(selected, relevance, depth: int) -> list[tuple[int, float]]:
    """(pk, relevance times boost) of the `depth` best selected documents, best first, ties in id order
    (numpy: a search may select thousands, and a heap of tuples was a tenth of its time)."""
    count = len(selected)
    pks = np.fromiter(selected, dtype=np.int64, count=count)
    scores = np.fromiter(
        (relevance[pk] * meta.boost for pk, meta in selected.items()), dtype=np.float64, count=count
    )
    if count > depth:
        kth = np.partition(scores, count - depth)[count - depth]
        keep = scores >= kth  # every tie at the edge, so the order is the full sort's head
        pks, scores = pks[keep], scores[keep]
    order = np.lexsort((pks, -scores))[:depth]
    return list(zip(pks[order].tolist(), scores[order].tolist(), strict=True))


def _vocabulary_text(document) -> str:
    return f"{document.title} {document.summary} {document.body}"


def _dedupe(concepts):
    seen, result = set(), []
    for concept in concepts:
        key = tuple(concept)
        if key not in seen:
            seen.add(key)
            result.append(concept)
    return result


def _facets(combinations: Counter, filters) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value among readable matches (`combinations`: FacetValues -> documents),
    each facet under the other facets' filters (so choosing a kind still shows the other kinds
    you could switch to)."""
    facets = {}
    for facet in FACETS:
        others = {name: values for name, values in filters.items() if name != facet and values}
        counter = Counter()
        for values, documents in combinations.items():
            if not others or _passes(values, others):
                for value in values[facet]:
                    counter[value] += documents
        facets[facet] = _sorted_counts(counter)
    return facets


def _sorted_counts(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _passes(facets: FacetValues, filters) -> bool:
    return all(not values or not set(values).isdisjoint(facets[name]) for name, values in filters.items())


def _known_stems(stems: list[str]) -> set[str]:
    """Which of these stems the indexed vocabulary has (the others may be typos)."""
    if not stems:
        return set()
    placeholders = ", ".join(["%s"] * len(stems))
    with connection.cursor() as cursor:  # every search asks: a plain cursor, as for the hits
        cursor.execute(
            f"SELECT DISTINCT stem FROM {SearchTerm._meta.db_table} WHERE stem IN ({placeholders})",  # noqa: S608
            stems,
        )
        return {row[0] for row in cursor.fetchall()}


class HitText(NamedTuple):
    """What a hit shows that the metadata cache does not hold."""

    title: str
    url: str
    external_id: str
    rating: float | None
    summary: str
    body: str
    comments: str


def _hit_texts(page_ids) -> dict[int, HitText]:
    if not page_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(page_ids))
    # A plain cursor: this runs on every search, and the ORM would cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, {', '.join(HitText._fields).replace('rating', 'score')} "  # noqa: S608
            f"FROM {SearchDocument._meta.db_table} WHERE page_id IN ({placeholders})",
            list(page_ids),
        )
        return {row[0]: HitText(*row[1:]) for row in cursor.fetchall()}


def _excerpt(document, stems) -> str:
    """The summary or body passage where the query words are, else the start of the summary."""
    for text in (document.summary, document.body, document.comments):
        excerpt = highlight(text, stems) if text else ""
        if "<mark>" in excerpt:
            return excerpt
    return highlight(document.summary or document.body, stems)
