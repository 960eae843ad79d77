"""« Vouliez-vous dire » on the Elasticsearch engine: the fuzzy search for the closest words is
asked only when a word of the query is in no readable document as typed (the ranked answer counts
each concept's exact matches), as the database engines never correct a word their vocabulary
holds. Checked at the request level; the suggestions themselves on the real node
(test_elasticsearch_server.py, test_privacy.py, test_views.py)."""

import pytest

from search.engines import es_query
from search.engines.base import Reader, SearchQuery
from search.engines.elastic import ElasticsearchEngine
from tests.search.recorded_client import RecordedClient

pytestmark = pytest.mark.django_db  # the curated synonyms are read from the database

HIT = {"_id": "1", "_score": 1.0, "_source": {"kind": "tool", "title": "Sauvegarde", "url": "/outils/1/"}}
SPELLING = {"hits": {"hits": [{"_id": "1", "highlight": {"title": ["<mark>sauvegarder</mark>"]}}]}}
EXCERPTS = {"hits": {"hits": [{"_id": "1", "_source": {"summary": "Copies de secours."}}]}}


def answer(*counts):
    """A ranked answer of one hit whose query's concepts are held as typed by `counts` documents."""
    buckets = {es_query.concept_name(index): {"doc_count": count} for index, count in enumerate(counts)}
    return {
        "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [HIT]},
        "aggregations": {es_query.KNOWN: {"buckets": buckets}},
    }


def engine(*answers):
    return ElasticsearchEngine(client=RecordedClient(*({"responses": list(a)} for a in answers)), index="kb")


def test_the_ranked_request_counts_each_concept_as_typed_among_readable_matches():
    faceted = es_query.KbFacetedSearch(SearchQuery(text="les sauvgardes du serveur"), "kb")
    body = faceted.ranked_body(200)
    exact = body["aggs"][es_query.KNOWN]["filters"]["filters"]
    assert {name: clause["multi_match"]["query"] for name, clause in exact.items()} == {
        "concept_0": "sauvgardes",
        "concept_1": "serveur",
    }
    assert all("fuzziness" not in clause["multi_match"] for clause in exact.values())
    # Counted under the query's own privacy filter, as the hits and the facets are.
    assert {"terms": {"audience": sorted(Reader.anonymous().tokens)}} in body["query"]["bool"]["filter"]


def test_every_word_known_as_typed_asks_for_no_spelling(settings):
    settings.KB_SEMANTIC_SEARCH = False
    known = engine([answer(3, 12)], [EXCERPTS])
    results = known.search(SearchQuery(text="sauvegarder serveurs"))
    first, second = known.client.asked
    assert len(first) == 2  # the results alone: one header, one body
    assert len(second) == 2 and "highlight_query" in second[1]["highlight"]  # the page's excerpts alone
    assert results.suggestion == "" and [hit.page_id for hit in results.hits] == [1]


def test_a_word_no_readable_document_holds_as_typed_asks_for_the_closest_words(settings):
    settings.KB_SEMANTIC_SEARCH = False
    typo = engine([answer(0, 12)], [EXCERPTS, SPELLING])
    results = typo.search(SearchQuery(text="sauvgarder serveurs"))
    first, second = typo.client.asked
    assert len(first) == 2
    # With the page's excerpts, in the same second round trip.
    assert len(second) == 4 and "highlight_query" in second[1]["highlight"]
    assert second[3] == es_query.did_you_mean_body("sauvgarder serveurs", Reader.anonymous())
    assert results.suggestion == "sauvegarder serveurs"


def test_an_answer_without_the_counts_asks_for_the_spelling():
    assert not es_query.every_word_known({"hits": {"hits": []}}, "sauvgarder")
    assert es_query.every_word_known({"hits": {"hits": []}}, "les")  # stop words only: nothing to correct


def test_a_list_by_date_asks_for_the_spelling_with_the_results(settings):
    # Sorted by date, the answer is not ranked and counts nothing: the spelling goes with it.
    settings.KB_SEMANTIC_SEARCH = False
    dated = engine([answer(), {"hits": {"hits": []}}])
    dated.search(SearchQuery(text="sauvgarder", sort="date"))
    [first] = dated.client.asked
    assert len(first) == 4
