"""Elasticsearch engine (settings.KB_SEARCH_ENGINE = "elasticsearch").

Writes go to an alias (settings.KB_ELASTICSEARCH_INDEX) over one timestamped index; `rebuild`
fills a new index and swaps the alias in one atomic request, so searches never see a half index.
Any transport failure becomes EngineUnavailable: searches then fall back to the database engine.
A ranked search asks for the best hits at once and ends, as the database engines' do, with the
shared fusion and kinds (search.fusion), the semantic candidates coming from the process's semantic
side or, with KB_ELASTICSEARCH_KNN, from Elasticsearch's kNN. See ELASTICSEARCH.md beside this file.
"""

import logging
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import islice

from django.conf import settings
from django.utils import timezone

from elastic_transport import ApiError, TransportError
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import Index

from .. import ranking, semantic, synonyms
from ..families import family_of
from ..fusion import final_order
from ..reranking import RERANK_DEPTH, Head, rerank
from ..text import index_text, stem, terms
from . import es_query, get_database_engine
from .base import (
    FACETS,
    EngineUnavailable,
    Reader,
    SearchEngine,
    SearchHit,
    SearchQuery,
    SearchResults,
    Suggestion,
)
from .es_mapping import document_class, index_settings

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Searches and single-page updates must answer fast (the fallback and the editor wait on them);
# a full rebuild runs in a command and its 500-document batches may take longer.
REBUILD_TIMEOUT = 60


def make_client(url, timeout=None, options=None):
    """A client with a short timeout and a single retry: a slow cluster must not hold a page."""
    return Elasticsearch(
        url,
        request_timeout=timeout or getattr(settings, "KB_ELASTICSEARCH_TIMEOUT", 2.0),
        max_retries=1,
        retry_on_timeout=True,
        **(options if options is not None else getattr(settings, "KB_ELASTICSEARCH_CLIENT_OPTIONS", {})),
    )


@contextmanager
def unavailable_on_failure(action):
    """Connection errors, timeouts and server errors mean "use the fallback"; the cause is logged."""
    try:
        yield
    except (TransportError, ApiError) as error:
        if isinstance(error, ApiError) and error.meta.status < 500 and error.meta.status != 404:
            raise  # a bad request is our bug: let it show
        logger.warning("Elasticsearch %s failed: %s", action, error)
        raise EngineUnavailable(str(error)) from error


def refuse_if_overloaded(errors) -> None:
    """Items the cluster could not take now (429 rejected, 5xx: a shard unassigned) must be sent
    again, not dropped: EngineUnavailable puts the update back on the queue."""
    statuses = [item.get("status", 0) for error in errors for item in error.values()]
    if busy := [status for status in statuses if status == 429 or status >= 500]:
        raise EngineUnavailable(f"{len(busy)} bulk items refused for now (HTTP {busy[0]})")


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url=None, index=None, client=None, analysis=None, knn=None):
        self.client = client or make_client(url or settings.KB_ELASTICSEARCH_URL)
        self.alias = index or getattr(settings, "KB_ELASTICSEARCH_INDEX", "coopkb")
        self.analysis = analysis or getattr(settings, "KB_ELASTICSEARCH_ANALYSIS", None)
        # Vectors in the index and the semantic candidates from its kNN (ELASTICSEARCH.md).
        self.knn = getattr(settings, "KB_ELASTICSEARCH_KNN", False) if knn is None else knn
        self.document_class = document_class(self.knn)

    # Reading

    def search(self, query: SearchQuery) -> SearchResults:
        words = es_query.query_words(query.text)
        if query.text.strip() and not words:
            # Symbols alone: nothing to look for (as the database engine); no text at all browses.
            facets = {name: [] for name in FACETS} if query.with_facets else {}
            return SearchResults(hits=[], count=0, facets=facets, engine=self.name)
        ranked = bool(words) and query.sort == "relevance"
        # Stop words alone: nothing to look for by meaning either (as the database engines, which
        # then neither encode the query nor scan the vectors).
        meaning = ranked and bool(terms(query.text)) and semantic.enabled()
        cosines = None
        if meaning and not self.knn:
            # The process's semantic side, as the database engine asks it: readable candidates only.
            cosines = get_database_engine().semantic_candidates.cosines(query)
        request = partial(
            es_query.KbFacetedSearch,
            query,
            self.alias,
            synonyms=synonyms.expand(query.text),
            candidates=cosines.candidates if cosines else (),
            knn_vector=semantic.query_vector(query.text) if meaning and self.knn else None,
        )
        faceted = request()
        responses = self._msearch(self._searches(faceted, ranked))
        if unknown := es_query.unknown_words(responses["results"], query.text):
            # A word no readable document holds as typed is searched again one edit away (the
            # contract's typo tolerance), beside the closest words for "did you mean".
            faceted = request(unknown=unknown)
            spelling = es_query.did_you_mean_body(query.text, query.reader)
            responses = self._msearch(self._searches(faceted, ranked) | {"did_you_mean": spelling})
        results = es_query.parse_results(responses["results"], self.name)
        if ranked:
            if faceted.knn_vector is not None:
                answer = responses["nearest"]
                nearest = [es_query.parse_hit(hit) for hit in answer["hits"]["hits"]]
                cosines = es_query.knn_cosines(answer)
                for hit in nearest:
                    hit.score = 0.0  # a kNN score is a cosine, not a lexical relevance
            else:
                results.hits, nearest = es_query.lexical_and_candidates(
                    results.hits, faceted.candidates, faceted.lexical_depth(ranking.DEPTH)
                )
            covered = es_query.matched_concepts(responses["results"])
            results.hits = self._fused_page(
                query, _reranked(query.text, results.hits, covered), nearest, cosines
            )
            if results.hits:
                # The last round trip: the page's excerpts.
                excerpts = self._msearch(
                    {"excerpts": faceted.excerpts_body([hit.page_id for hit in results.hits])}
                )
                results.hits = es_query.with_excerpts(results.hits, excerpts["excerpts"])
        if "did_you_mean" in responses:
            results.suggestion = es_query.parse_did_you_mean(responses["did_you_mean"], query.text)
        return results

    @staticmethod
    def _searches(faceted: es_query.KbFacetedSearch, ranked: bool) -> dict[str, dict]:
        """The searches of a round trip: the results (with the process's semantic candidates), and
        Elasticsearch's k nearest with KB_ELASTICSEARCH_KNN."""
        searches = {"results": faceted.ranked_body(ranking.DEPTH) if ranked else faceted.body()}
        if faceted.knn_vector is not None:
            searches["nearest"] = faceted.knn_body()
        return searches

    def _msearch(self, searches: dict[str, dict]) -> dict[str, dict]:
        """Every search in one round trip; name -> response."""
        lines = [line for body in searches.values() for line in ({"index": self.alias}, body)]
        with unavailable_on_failure("search"):
            responses = self.client.msearch(searches=lines).body["responses"]
        for response in responses:
            if "error" in response:
                logger.error("Elasticsearch search failed: %s", response["error"])
                raise EngineUnavailable(str(response["error"]))
        return dict(zip(searches, responses, strict=True))

    @staticmethod
    def _fused_page(query: SearchQuery, hits: list[SearchHit], nearest: list[SearchHit], cosines):
        """The requested page of the shared fusion: the re-ranked hits are the lexical order, the
        semantic candidates Elasticsearch did not rank that deep follow them."""
        by_id = {hit.page_id: hit for hit in hits}
        for hit in nearest:
            by_id.setdefault(hit.page_id, hit)
        relevance = {pk: hit.score for pk, hit in by_id.items()}
        kind_of = lambda pk: by_id[pk].kind  # noqa: E731
        order, scores = final_order(query.text, list(by_id), relevance, kind_of, cosines, among=by_id)
        page = [by_id[pk] for pk in order[query.offset : query.offset + query.per_page]]
        for hit in page:
            hit.score = round(scores.get(hit.page_id, 0.0), 4)
        return page

    def suggest(self, prefix: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
        if not es_query.query_words(prefix):
            return []
        with unavailable_on_failure("autocomplete"):
            raw = self.client.search(index=self.alias, body=es_query.autocomplete_body(prefix, reader, limit))
        return es_query.parse_autocomplete(raw.body)

    # Writing

    @property
    def rebuild_client(self):
        return self.client.options(request_timeout=REBUILD_TIMEOUT)

    def new_index(self):
        """Create an empty timestamped index with the mapping and analysis chain. A busy cluster may
        take seconds to create it: with the short timeout, the client's retry would ask a second time
        and be told the index already exists."""
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        index = Index(name)
        index.settings(**index_settings(self.analysis))
        index.document(self.document_class)
        index.create(using=self.rebuild_client)
        return name

    def ensure_index(self):
        """Make sure the alias points to an index (first use on an empty cluster)."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.new_index()
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])

    def index_documents(self, documents: Sequence) -> None:
        with unavailable_on_failure("indexing"):
            self.ensure_index()
            # wait_for: visible to the next search, without forcing a segment per publish.
            actions = self._index_actions(documents, self.alias)
            _, errors = helpers.bulk(self.client, actions, refresh="wait_for", raise_on_error=False)
        refuse_if_overloaded(errors)
        if errors:
            logger.error("Elasticsearch rejected %d documents: %s", len(errors), errors[:3])

    def delete_documents(self, page_ids: Sequence[int]) -> None:
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in page_ids)
        with unavailable_on_failure("deletion"):
            if not self.client.indices.exists_alias(name=self.alias):
                return
            _, errors = helpers.bulk(self.client, actions, refresh="wait_for", raise_on_error=False)
        refuse_if_overloaded(errors)
        real_errors = [error for error in errors if error.get("delete", {}).get("status") != 404]
        if real_errors:
            logger.error("Elasticsearch could not delete %d documents: %s", len(real_errors), real_errors[:3])

    def rebuild(self, documents: Iterable, progress=None) -> int:
        """Fill a new index, then point the alias at it and drop the old ones (zero downtime).
        Every call takes the rebuild timeout: refreshing a freshly filled index takes seconds."""
        client = self.rebuild_client
        with unavailable_on_failure("rebuild"):
            name = self.new_index()
            try:
                indexed = self._fill(name, documents, progress)
                client.indices.refresh(index=name)
            except Exception:
                client.indices.delete(index=name, ignore_unavailable=True)
                raise
            old = []
            if client.indices.exists_alias(name=self.alias):
                old = list(client.indices.get_alias(name=self.alias).body)
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            client.indices.update_aliases(actions=actions)  # one atomic swap
            for index in old:
                client.indices.delete(index=index, ignore_unavailable=True)
        return indexed

    def _fill(self, name, documents, progress):
        """Stream documents in batches; a rejected record is logged and the others go on."""
        indexed = 0
        iterator = iter(documents)
        while batch := list(islice(iterator, BATCH_SIZE)):
            actions = self._index_actions(batch, name)
            results = helpers.streaming_bulk(
                self.rebuild_client, actions, chunk_size=BATCH_SIZE, raise_on_error=False
            )
            for ok, item in results:
                if ok:
                    indexed += 1
                else:
                    logger.error("Elasticsearch rejected a document: %s", item)
            if progress:
                progress(len(batch))
        return indexed

    def _index_actions(self, rows, index_name):
        for row in rows:
            document = self.document_class.from_row(row)
            yield {"_op_type": "index", "_index": index_name, "_id": row.pk, "_source": document.to_dict()}


def _reranked(text: str, hits: list[SearchHit], covered: dict[int, int]) -> list[SearchHit]:
    """Elasticsearch's best hits through the shared re-ranking (search/reranking.py), their scores
    replaced by the re-ranked ones; `covered`: how many concepts each matched (es_query)."""
    concepts = [[(stem(word),)] for word in es_query.concept_words(text)]
    head, tail = hits[:RERANK_DEPTH], hits[RERANK_DEPTH:]
    by_id = {hit.page_id: hit for hit in head}
    entries = [
        Head(
            hit.page_id,
            hit.score,
            covered.get(hit.page_id, 0),
            f" {index_text(hit.title)} ",
            family_of(hit.kind, hit.title),
        )
        for hit in head
    ]
    ordered = []
    for score, pk in rerank(entries, concepts):
        by_id[pk].score = score
        ordered.append(by_id[pk])
    return ordered + tail
