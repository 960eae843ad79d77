"""KB_ELASTICSEARCH_KNN: document vectors in an Elasticsearch 8 `dense_vector` field and the semantic
candidates from its kNN search. The OpenSearch test node has no k-NN plugin, so this is checked at
the request/response level: the mapping, what is indexed, the search bodies (privacy inside the kNN)
and a hand-written Elasticsearch 8 answer, parsed and fused (ELASTICSEARCH.md, « kNN »)."""

import json
from pathlib import Path

import numpy as np
import pytest
from elasticsearch.dsl import Index

from search import ranking, semantic
from search.engines import es_query
from search.engines.base import Reader, SearchQuery
from search.engines.elastic import ElasticsearchEngine
from search.engines.es_mapping import KbDocument, KbVectorDocument
from search.models import SearchDocument
from tests.search.recorded_client import RecordedClient

RESPONSES = Path(__file__).parent / "es_responses"
QUERY_VECTOR = np.full(semantic.DIMENSIONS, semantic.DIMENSIONS**-0.5, dtype=np.float32)


def mapping(engine):
    index = Index("kbtest")
    index.document(engine.document_class)
    return index.to_dict()["mappings"]["properties"]


def row(vector=None, **fields):
    return SearchDocument(
        page_id=5, kind="procedure", title="Archivage", audience=["public"], vector=vector, **fields
    )


@pytest.fixture
def knn_engine(settings):
    settings.KB_ELASTICSEARCH_KNN = True
    return ElasticsearchEngine(client=RecordedClient({}), index="kb")


def test_the_vector_field_is_mapped_only_with_the_switch_on(settings, knn_engine):
    assert knn_engine.document_class is KbVectorDocument
    assert mapping(knn_engine)["vector"] == {
        "type": "dense_vector",
        "dims": 512,
        "index": True,
        "similarity": "cosine",
    }
    settings.KB_ELASTICSEARCH_KNN = False
    lexical = ElasticsearchEngine(client=RecordedClient({}), index="kb")
    assert lexical.document_class is KbDocument
    assert "vector" not in mapping(lexical)


def test_each_document_sends_the_normalised_mean_of_its_passages(knn_engine):
    passages = np.zeros((2, semantic.DIMENSIONS), dtype=semantic.STORED)
    passages[0, 0] = passages[1, 1] = 1.0  # two passages about different things
    [action] = knn_engine._index_actions([row(vector=passages.tobytes())], "kb")
    vector = action["_source"]["vector"]
    assert len(vector) == 512
    assert vector[:3] == [0.7071, 0.7071, 0.0]  # (p1 + p2) / |p1 + p2|, rounded
    [without] = knn_engine._index_actions([row()], "kb")  # saved while the semantic side was off
    assert "vector" not in without["_source"]


def knn_body(reader, **filters):
    faceted = es_query.KbFacetedSearch(
        SearchQuery(text="archivage", reader=reader, filters=filters), "kb", knn_vector=QUERY_VECTOR
    )
    return faceted.knn_body()["knn"]


def test_the_reader_and_facet_filters_are_inside_the_knn():
    knn = knn_body(Reader.anonymous(), kind=("tool",))
    assert (knn["field"], knn["k"], knn["similarity"]) == ("vector", 50, 0.3)
    assert knn["num_candidates"] >= knn["k"] and len(knn["query_vector"]) == 512
    assert {"terms": {"audience": ["public"]}} in knn["filter"]
    assert {"terms": {"kind": ["tool"]}} in knn["filter"]
    # The positive control: a member's groups open their documents to the kNN, and only theirs.
    member = Reader(tokens=frozenset({"public", "login", "group:7"}))
    assert knn_body(member)["filter"] == [{"terms": {"audience": ["group:7", "login", "public"]}}]
    assert knn_body(Reader(sees_everything=True))["filter"] == []


def test_a_recorded_elasticsearch_8_answer_is_parsed_and_fused(knn_engine, monkeypatch, db):
    monkeypatch.setattr(semantic, "enabled", lambda: True)
    monkeypatch.setattr(semantic, "query_vector", lambda text: QUERY_VECTOR)
    # The results and the nearest first, without their texts (both words held as typed, so no typo
    # search); then the page's excerpts.
    recorded = json.loads((RESPONSES / "knn_msearch_logiciel_archivage.json").read_text())["responses"]
    knn_engine.client = RecordedClient({"responses": recorded[:2]}, {"responses": recorded[2:]})
    results = knn_engine.search(SearchQuery(text="logiciel archivage"))

    lines, follow_up = knn_engine.client.asked
    main, nearest = lines[1], lines[3]
    excerpts = follow_up[1]
    assert len(lines) == 4 and len(follow_up) == 2
    assert main["size"] == ranking.DEPTH
    # The depth's hits carry only what the ranking reads (doc values); the page comes back whole.
    ranking_fields = list(es_query.RANKED_FIELDS.values())
    assert "highlight" not in main and main["_source"] is False and main["docvalue_fields"] == ranking_fields
    assert nearest["_source"] is False and nearest["docvalue_fields"] == ranking_fields
    assert excerpts["_source"] == {"excludes": es_query.NOT_SHOWN}
    # Only the page is highlighted, as the ranked query would have it, and under the reader's filter:
    # 21 and 22 matched the words, 23 and 24 only the meaning (the kNN).
    assert excerpts["query"]["bool"]["filter"] == [
        {"ids": {"values": [str(hit.page_id) for hit in results.hits]}},
        {"terms": {"audience": ["public"]}},
    ]
    assert sorted(hit.page_id for hit in results.hits) == [21, 22, 23, 24]
    assert excerpts["highlight"]["highlight_query"] == main["query"]
    assert main["knn"]["boost"] == es_query.CANDIDATE_BOOST  # counts and facets, not relevance
    assert {"terms": {"audience": ["public"]}} in main["knn"]["filter"]
    assert nearest["knn"] == {**main["knn"], "boost": 1.0} and "query" not in nearest
    assert "vector" in excerpts["_source"]["excludes"]

    assert results.count == 4 and results.facets["kind"] == [("tool", 3), ("procedure", 1)]
    # Cosines from the kNN scores ((1 + cos) / 2): 23 → 0.8, 22 → 0.6, 24 → 0.4; 21, which the kNN
    # did not return, is at most at the threshold (0.3). Relevance over the best after the shared
    # re-ranking: 21's title holds « archivage », one of the query's two concepts (x 1.5); the answer
    # carries no named queries, so no hit covers more than another.
    cosine = {21: 0.3, 22: 0.6, 23: 0.8, 24: 0.4}
    relevance = {21: 1.0, 22: 4.0 / (8.0 * 1.5), 23: 0.0, 24: 0.0}
    expected = {pk: (1 - ranking.BLEND) * relevance[pk] + ranking.BLEND * cosine[pk] for pk in cosine}
    assert {hit.page_id: hit.score for hit in results.hits} == pytest.approx(expected, abs=1e-4)
    # « logiciel »: two tools, then the procedure, each kind in its fused order.
    tools = sorted((pk for pk in (22, 23, 24)), key=lambda pk: -expected[pk])
    assert [hit.page_id for hit in results.hits] == [*tools[:2], 21, tools[2]]
    by_id = {hit.page_id: hit for hit in results.hits}
    assert by_id[21].excerpt == "<mark>Archivage</mark> mensuel des boîtes."
    assert by_id[22].excerpt == "<mark>Archivage</mark> des fichiers."
    assert by_id[23].excerpt == "Copie de secours des postes."  # nothing highlighted: the summary
    # The page's other fields come with its excerpts: the ranked answers held kind and title only.
    assert (by_id[22].title, by_id[22].url) == ("Archiveur", "/outils/bureautique/archiveur/")
    assert by_id[21].date.isoformat() == "2026-11-02T09:00:00+00:00"
