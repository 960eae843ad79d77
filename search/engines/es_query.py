"""Elasticsearch request bodies and response parsing, kept as plain data so tests can check both."""

import difflib
import re
from datetime import datetime

from django.utils.html import escape

import numpy as np
from elasticsearch.dsl import FacetedSearch, Q, TermsFacet

from .. import semantic
from ..reranking import KIND_BOOST
from ..text import STOP_WORDS, fold, stem, words
from ..vocabulary import needs_correction
from .base import FACETS, SearchHit, SearchQuery, SearchResults, Suggestion
from .candidates import SEMANTIC_CANDIDATES, SEMANTIC_THRESHOLD
from .es_mapping import ELISION_ARTICLES

# Weighted fields: title above summary and tags, above body, comments lowest.
FIELDS = [
    "title^6",
    "summary^3",
    "tags^3",
    "external_id^6",
    "category^2",
    "cooperatives^2",
    "region",
    "body",
    "comments^0.3",
]
EXCERPT_FIELDS = ("body", "summary", "comments")
FACET_FIELDS = {
    "kind": "kind",
    "category": "category.exact",
    "tags": "tags.exact",
    "region": "region.exact",
    "cooperative": "cooperatives.exact",
    "ring": "ring",
}
FACET_SIZE = 500  # Elasticsearch's default of 10 buckets would hide most cooperatives and tags
RESULT_WINDOW = 10_000  # index.max_result_window: from + size beyond it is an error
# The contract's typo tolerance (search/engines/README.md): none below five letters, then one edit,
# never two (the database engines correct one edit away); "AUTO:low,high" allows two from `high`.
# Only for a word no readable document holds as typed, as the database engines correct only those.
FUZZINESS = "AUTO:5,1000"
MAX_WORDS = 32  # longer input adds nothing but cost (each word is a clause, a fuzzy one when unknown)
# As the search page (search.params.MAX_QUERY_LENGTH): fuzzy matching costs the server time in
# proportion to the length of the words (a 10,000-letter word took OpenSearch 2 s, past the timeout).
MAX_TEXT_LENGTH = 500
EXCERPT_LENGTH = 180
MARK = ("<mark>", "</mark>")
WORD = re.compile(r"\w+")
# The k nearest of Elasticsearch's kNN join the matches (counts, facets, privacy filter) without
# weighing on the lexical relevance the fusion reads.
CANDIDATE_BOOST = 1e-6
# The process's semantic candidates join the matches with their score lifted by a power of two above
# any lexical one (at most 385 over the judged needs and the latency set): the ranked list brings
# them all back beside the depth's best, in the same search, and each one's lexical relevance is its
# score less the lift (float32 keeps it within 1e-4). See lexical_and_candidates.
CANDIDATE_LIFT = 2.0**10
KNN_FIELD = "vector"
KNN_NUM_CANDIDATES = 200  # graph candidates per shard for the k nearest: recall against time
NOT_SHOWN = ["title_suggest", KNN_FIELD]
# A ranked list brings back its whole depth, of which the fusion shows a page. Of each hit it reads
# only what the re-ranking and the fusion weigh, from doc values: no stored source is read for 250
# hits, and the answer is a few kilobytes. The page's hits come back whole, with their highlighted
# texts, afterwards (excerpts_body): highlighting the depth's every hit was half of the test node's
# time for a search (BENCHMARKS.md, issue 12, eighth pass).
RANKED_FIELDS = {"kind": "kind", "title": "title.exact"}
ELIDED_IN_MARK = re.compile(
    r"<mark>((?:{})(?:&#x27;|'|\u2019))".format("|".join(ELISION_ARTICLES)), re.IGNORECASE
)


def query_words(text):
    return WORD.findall(text[:MAX_TEXT_LENGTH])[:MAX_WORDS]


def concept_words(text) -> list[str]:
    """The query's concepts for the shared re-ranking: its folded words minus stop words, one per
    stem (as the database engines' analysis, without their corrections and synonyms)."""
    seen, concepts = set(), []
    for word in words(" ".join(query_words(text))):
        if word not in STOP_WORDS and stem(word) not in seen:
            seen.add(stem(word))
            concepts.append(word)
    return concepts


KNOWN = "known_as_typed"


def concept_name(index: int) -> str:
    return f"concept_{index}"


def readable_filter(reader):
    """Documents the reader may read: applied as a bool filter so counts and facets respect it."""
    if reader.sees_everything:
        return None
    return Q("terms", audience=sorted(reader.tokens))


class KbFacetedSearch(FacetedSearch):
    fields = FIELDS
    facets = {name: TermsFacet(field=field, size=FACET_SIZE) for name, field in FACET_FIELDS.items()}

    def __init__(self, query: SearchQuery, index, synonyms=(), candidates=(), knn_vector=None, unknown=()):
        """`candidates`: the semantic side's document ids to add to the matches; `knn_vector`: the
        query's vector, for Elasticsearch's kNN to find them instead (KB_ELASTICSEARCH_KNN);
        `unknown`: the concepts to match one edit away (`unknown_words` of a first answer)."""
        self.index = index
        self.request = query
        self.synonyms = synonyms
        self.candidates = [str(pk) for pk in candidates]
        self.knn_vector = knn_vector
        self.unknown = list(unknown)
        filters = {name: list(values) for name, values in query.filters.items() if name in FACETS}
        text = " ".join(query_words(query.text))
        sort = ["_score", "-date"] if text and query.sort == "relevance" else ["-date"]
        super().__init__(text or None, filters=filters, sort=sort)

    def search(self):
        search = super().search().extra(track_total_hits=True).source(excludes=NOT_SHOWN)
        visible = readable_filter(self.request.reader)
        return search.filter(visible) if visible else search

    def query(self, search, query):
        should = [
            # Each word's relevance over the fields together (cross_fields: one IDF for a word in
            # any field, as FTS5 and ts_rank score it), so a common word in a title does not bury
            # the documents that have the other words.
            Q("multi_match", query=query, fields=self.fields, type="cross_fields", tie_breaker=0.3),
            Q("match_phrase", title={"query": query, "boost": 4}),
        ]
        if self.unknown:
            # A typo: the words one edit away count as the word would (the database engines' correction
            # is an alternative of its concept, weighed as the word).
            should.append(self.fuzzy(" ".join(self.unknown), type="best_fields", tie_breaker=0.3))
        # Curated synonyms and acronyms (« RGPD » → « protection des données personnelles »).
        should += [
            Q("multi_match", query=phrase, type="phrase", fields=["title^6", "summary^3", "tags^3", "body"])
            for phrase in self.synonyms
        ]
        concepts = concept_words(query)
        if len(concepts) > 1:
            # Which concepts each hit matches (its `matched_queries`), for the shared re-ranking's
            # coverage; weightless, and matching nothing the clauses above do not. Each word as typed,
            # or one edit away when unknown, as the clauses above match it.
            named = [
                (self.fuzzy if word in self.unknown else self.as_typed)(word, _name=concept_name(index))
                for index, word in enumerate(concepts)
            ]
            should.append(Q("bool", should=named, boost=0))
        matched = Q("bool", should=should, minimum_should_match=1)
        # The kinds' weights of the shared re-ranking; near-duplicate packages (-doc, -dev, lib…)
        # carry a boost below 1 and sink.
        kinds = [
            {"filter": {"term": {"kind": kind}}, "weight": weight} for kind, weight in KIND_BOOST.items()
        ]
        ranked = Q(
            "function_score",
            query=matched,
            functions=[{"field_value_factor": {"field": "boost", "missing": 1}}, *kinds],
            score_mode="multiply",
            boost_mode="multiply",
        )
        if self.candidates:
            candidates = Q("ids", values=self.candidates, boost=CANDIDATE_LIFT)
            ranked = Q("bool", should=[ranked, candidates], minimum_should_match=1)
        return search.query(ranked)

    def as_typed(self, word, **options):
        """The documents holding `word` as typed (analysed, no typos): the concepts' named queries
        and the counts that tell a typo from a known word."""
        return Q("multi_match", query=word, fields=self.fields, **options)

    def fuzzy(self, text, **options):
        """The documents holding the words of `text` or words one edit away (the contract's typos)."""
        return Q(
            "multi_match", query=text, fields=self.fields, fuzziness=FUZZINESS, prefix_length=1, **options
        )

    def aggregate(self, search):
        if self.request.with_facets:
            super().aggregate(search)

    def highlight(self, search):
        return search.highlight_options(
            pre_tags=[MARK[0]],
            post_tags=[MARK[1]],
            encoder="html",  # escapes the text around the tags: the excerpt is safe HTML
            fragment_size=EXCERPT_LENGTH,
            number_of_fragments=1,
        ).highlight(*EXCERPT_FIELDS)

    def body(self):
        """The request body, paginated. Past Elasticsearch's result window a page is empty (with its
        count and facets) instead of an error."""
        start, end = self.request.offset, self.request.offset + self.request.per_page
        if end > RESULT_WINDOW:
            start = end = 0
        return self._counting_known(self._s[start:end].to_dict())

    def ranked_body(self, depth):
        """The request body of a list ranked in Python (search.fusion): the `depth` best hits, or
        down to the requested page's end, and the semantic candidates wherever their relevance puts
        them. Past the result window, no hits (as `body`)."""
        end = self.request.offset + self.request.per_page
        size = 0 if end > RESULT_WINDOW else self.lexical_depth(depth) + len(self.candidates)
        body = self._ranking_fields_only(self._s[0:size].to_dict())
        if self.knn_vector is not None:
            body["knn"] = self.knn(boost=CANDIDATE_BOOST)  # the nearest join counts and facets
        return self._counting_known(body)

    def lexical_depth(self, depth):
        """How many of the lexical order's best a ranked list holds: `depth`, or down to the page's end."""
        return max(depth, self.request.offset + self.request.per_page)

    def _counting_known(self, body):
        """How many readable matches hold each concept as typed (every match, not only the hits
        returned), for the concepts long enough to hold a typo: only a word none holds is searched
        one edit away, and with the closest words for "did you mean". Not asked again once the
        unknown words are known."""
        typos = [
            (n, word) for n, word in enumerate(concept_words(self.request.text)) if needs_correction(word)
        ]
        if typos and not self.unknown:
            exact = {concept_name(n): self.as_typed(word).to_dict() for n, word in typos}
            body.setdefault("aggs", {})[KNOWN] = {"filters": {"filters": exact}}
        return body

    @staticmethod
    def _ranking_fields_only(body):
        body.pop("highlight", None)
        body["_source"] = False
        body["docvalue_fields"] = list(RANKED_FIELDS.values())
        return body

    def excerpts_body(self, page_ids):
        """The page the fusion chose, whole, its texts highlighted as the ranked search would have
        (its query as the highlight query). The documents are asked for by id under the reader's
        filter, whether the words or the meaning found them."""
        ranked = self._s.to_dict()
        visible = readable_filter(self.request.reader)
        return {
            "query": {
                "bool": {
                    "filter": [{"ids": {"values": [str(pk) for pk in page_ids]}}]
                    + ([visible.to_dict()] if visible else [])
                }
            },
            "size": len(page_ids),
            "track_total_hits": False,
            "_source": {"excludes": NOT_SHOWN},  # a hit without highlights shows its summary's opening
            "highlight": {**ranked["highlight"], "highlight_query": ranked["query"]},
        }

    def knn(self, boost=1.0):
        """Elasticsearch 8's kNN section: the nearest documents the reader may read among those the
        facets let through. The filters go inside the kNN, not after it: a filter applied to its
        results would let documents the reader may not see take the k places."""
        visible = readable_filter(self.request.reader)
        filters = ([visible] if visible else []) + list(self._filters.values())
        return {
            "field": KNN_FIELD,
            "query_vector": [float(x) for x in self.knn_vector],
            "k": SEMANTIC_CANDIDATES,
            "num_candidates": KNN_NUM_CANDIDATES,
            "similarity": SEMANTIC_THRESHOLD,  # the raw cosine, as the in-process threshold
            "filter": [query.to_dict() for query in filters],
            "boost": boost,
        }

    def knn_body(self):
        """The k nearest alone, scored by their cosine only (their hits and cosines, see knn_cosines)."""
        return self._ranking_fields_only({"knn": self.knn(), "size": SEMANTIC_CANDIDATES})


def parse_date(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def unmark_articles(fragment):
    """The elision filter keeps the token's offsets, so Elasticsearch marks « <mark>d'Événements</mark> »:
    leave the article outside the mark, as the other engines do."""
    return ELIDED_IN_MARK.sub(r"\1<mark>", fragment)


def excerpt(hit):
    highlights = hit.get("highlight", {})
    for field in EXCERPT_FIELDS:
        if highlights.get(field):
            return unmark_articles(highlights[field][0])
    source = hit.get("_source") or {}  # none in a ranked list: its excerpts come for the page
    text = source.get("summary") or source.get("body") or ""
    return escape(text[:EXCERPT_LENGTH])


def parse_hit(hit):
    """A hit with its source, or of a ranked list (its RANKED_FIELDS only, until with_excerpts)."""
    source = hit.get("_source") or {
        name: values[0]
        for name, field in RANKED_FIELDS.items()
        if (values := hit.get("fields", {}).get(field))
    }
    return SearchHit(
        page_id=int(hit["_id"]),
        kind=source.get("kind", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        excerpt=excerpt(hit),
        cooperatives=list(source.get("cooperatives") or []),
        date=parse_date(source.get("date")),
        external_id=source.get("external_id") or "",
        score=hit.get("_score") or 0.0,
        category=source.get("category") or "",
        region=source.get("region") or "",
        tags=list(source.get("tags") or []),
        ring=source.get("ring") or "",
        rating=source.get("score"),
    )


def with_excerpts(hits, raw):
    """The page's hits, whole and with their excerpts, from the answer to excerpts_body, each keeping
    its fused score. A hit the answer does not hold was deleted or restricted since the ranked
    search, and goes."""
    found = {int(hit["_id"]): hit for hit in raw["hits"]["hits"]}
    page = []
    for hit in hits:
        if (answer := found.get(hit.page_id)) is not None:
            whole = parse_hit(answer)
            whole.score = hit.score
            page.append(whole)
    return page


def lexical_and_candidates(hits, candidates, depth):
    """The hits of a ranked answer (ranked_body) as the lexical order's `depth` best and the semantic
    candidates' hits, each scored by its lexical relevance (a candidate's score less the lift)."""
    chosen = {int(pk) for pk in candidates}
    found = [hit for hit in hits if hit.page_id in chosen]
    for hit in found:
        hit.score = max(hit.score - CANDIDATE_LIFT, 0.0)
    # Stable: among equal scores the answer's order stays (by date; a candidate first).
    lexical = sorted(hits, key=lambda hit: -hit.score)[:depth]
    return lexical, found


def matched_concepts(raw) -> dict[int, int]:
    """How many of the query's concepts each hit of a ranked answer matched (its named queries)."""
    prefix = concept_name(0)[:-1]
    return {
        int(hit["_id"]): sum(name.startswith(prefix) for name in hit.get("matched_queries", ()))
        for hit in raw["hits"]["hits"]
    }


def unknown_words(raw, text) -> list[str]:
    """The query's concepts that no readable document holds as typed (the answer's KNOWN counts) and
    that are long enough to hold a typo: the database engines correct those and only those."""
    buckets = raw.get("aggregations", {}).get(KNOWN, {}).get("buckets", {})
    return [
        word
        for index, word in enumerate(concept_words(text))
        if needs_correction(word) and not buckets.get(concept_name(index), {}).get("doc_count")
    ]


def parse_facets(aggregations):
    facets = {}
    for name in FACETS:
        buckets = aggregations.get(f"_filter_{name}", {}).get(name, {}).get("buckets", [])
        counts = [(str(b["key"]), b["doc_count"]) for b in buckets if b["doc_count"]]
        facets[name] = sorted(counts, key=lambda item: (-item[1], item[0]))
    return facets


def parse_results(raw, engine_name="elasticsearch"):
    hits = raw["hits"]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
    return SearchResults(
        hits=[parse_hit(hit) for hit in hits["hits"]],
        count=total,
        facets=parse_facets(raw.get("aggregations", {})),
        engine=engine_name,
    )


def knn_cosines(raw) -> semantic.Cosines:
    """A kNN answer as the semantic side's cosines: Elasticsearch scores cosine similarity as
    (1 + cos) / 2. A document it did not return is at most as close as the farthest it did, or
    below the threshold when fewer than k came back: that bound is its cosine (`floor`)."""
    hits = raw["hits"]["hits"]
    found = {int(hit["_id"]): 2 * hit["_score"] - 1 for hit in hits}
    ids = np.array(sorted(found), dtype=np.int64)
    values = np.array([found[pk] for pk in ids.tolist()], dtype=np.float32)
    floor = float(values.min()) if len(found) >= SEMANTIC_CANDIDATES else SEMANTIC_THRESHOLD
    cosines = semantic.Cosines(ids, values, floor=floor)
    cosines.candidates = [int(hit["_id"]) for hit in hits]
    return cosines


def autocomplete_body(prefix, reader, limit):
    """search-as-you-type over folded title words: « évén » and « even » both find « Événements »."""
    query = Q(
        "multi_match",
        query=" ".join(query_words(prefix)),
        type="bool_prefix",
        operator="and",  # every word typed so far, the last one as a prefix
        fields=["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
    )
    visible = readable_filter(reader)
    return {
        "query": {"bool": {"must": [query.to_dict()], "filter": [visible.to_dict()] if visible else []}},
        "size": limit,
        "_source": ["title", "url", "kind"],
    }


def parse_autocomplete(raw):
    return [
        Suggestion(title=hit["_source"]["title"], url=hit["_source"]["url"], kind=hit["_source"]["kind"])
        for hit in raw["hits"]["hits"]
    ]


SPELLING_FIELDS = ["title.words", "summary.words", "body.words"]


def did_you_mean_body(text, reader):
    """Readable documents with words close to those typed (real words, not stems). Built on what the
    reader may read, never on the index-wide term dictionary, so a suggestion cannot leak a hidden word."""
    visible = readable_filter(reader)
    match = Q("multi_match", query=" ".join(query_words(text)), fields=SPELLING_FIELDS, fuzziness=FUZZINESS)
    return {
        "query": {"bool": {"must": [match.to_dict()], "filter": [visible.to_dict()] if visible else []}},
        "size": 5,
        "_source": False,
        "highlight": {
            "pre_tags": [MARK[0]],
            "post_tags": [MARK[1]],
            "fields": {field: {"number_of_fragments": 3, "fragment_size": 100} for field in SPELLING_FIELDS},
        },
    }


def parse_did_you_mean(raw, text):
    """Each typed word that no matched word shares a stem with is replaced by the closest matched
    word; "" when nothing changes."""
    marked = {
        word.lower()
        for hit in raw["hits"]["hits"]
        for fragments in hit.get("highlight", {}).values()
        for fragment in fragments
        for word in re.findall(r"<mark>(.*?)</mark>", fragment)
    }
    by_folded = {fold(word): word for word in marked}
    known_stems = {stem(folded) for folded in by_folded}
    typed = [word.lower() for word in query_words(text)]
    fixed = []
    for word in typed:
        folded = fold(word)
        close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.6)
        fixed.append(by_folded[close[0]] if close and stem(folded) not in known_stems else word)
    return " ".join(fixed) if fixed != typed else ""
