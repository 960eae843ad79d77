"""Typos on the Elasticsearch engine: a word of the query is matched one edit away, and the fuzzy
search for the closest words (« Vouliez-vous dire ») asked, only when no readable document holds it
as typed (the first answer counts each concept's exact matches), as the database engines never
correct a word their vocabulary holds. Checked at the request level; the matches and suggestions
themselves on the real node (the contract suite, test_elasticsearch_server.py, test_privacy.py,
test_views.py)."""

import pytest

from search.engines import es_query
from search.engines.base import Reader, SearchQuery
from search.engines.elastic import ElasticsearchEngine
from tests.search.es_bodies import find
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


def fuzzy_clauses(body):
    return [clause for clause in find(body["query"], "multi_match") if "fuzziness" in clause]


def test_every_word_known_as_typed_asks_for_no_typo_and_no_spelling(settings):
    settings.KB_SEMANTIC_SEARCH = False
    known = engine([answer(3, 12)], [EXCERPTS])
    results = known.search(SearchQuery(text="sauvegarder serveurs"))
    first, second = known.client.asked
    assert len(first) == 2 and fuzzy_clauses(first[1]) == []  # the words as typed, no typo clause
    assert len(second) == 2 and "highlight_query" in second[1]["highlight"]  # the page's excerpts alone
    assert results.suggestion == "" and [hit.page_id for hit in results.hits] == [1]


def test_a_word_no_readable_document_holds_as_typed_is_searched_one_edit_away(settings):
    settings.KB_SEMANTIC_SEARCH = False
    typo = engine([answer(0, 12)], [answer(), SPELLING], [EXCERPTS])
    results = typo.search(SearchQuery(text="sauvgarder serveurs"))
    first, second, third = typo.client.asked
    assert len(first) == 2 and fuzzy_clauses(first[1]) == []
    # Searched again with that word alone one edit away (the other words as typed); its concept matched
    # the same way for the coverage; the closest words asked in the same round trip.
    again, spelling = second[1], second[3]
    assert len(second) == 4 and es_query.KNOWN not in again.get("aggs", {})
    typos, named = fuzzy_clauses(again)
    assert (typos["query"], typos["fuzziness"]) == ("sauvgarder", "AUTO:5,1000")
    assert (named["query"], named["_name"]) == ("sauvgarder", es_query.concept_name(0))
    assert spelling == es_query.did_you_mean_body("sauvgarder serveurs", Reader.anonymous())
    assert len(third) == 2 and third[1]["highlight"]["highlight_query"] == again["query"]
    assert results.suggestion == "sauvegarder serveurs" and [hit.page_id for hit in results.hits] == [1]


def test_only_words_long_enough_to_hold_a_typo_are_counted():
    body = es_query.KbFacetedSearch(SearchQuery(text="vim et sauvgardes"), "kb").ranked_body(200)
    exact = body["aggs"][es_query.KNOWN]["filters"]["filters"]
    assert {name: clause["multi_match"]["query"] for name, clause in exact.items()} == {
        "concept_1": "sauvgardes"
    }
    assert (
        es_query.KNOWN not in es_query.KbFacetedSearch(SearchQuery(text="vim"), "kb").ranked_body(200)["aggs"]
    )


def test_an_answer_without_the_counts_holds_every_long_word_unknown():
    assert es_query.unknown_words({"hits": {"hits": []}}, "vim sauvgarder") == ["sauvgarder"]
    assert es_query.unknown_words({"hits": {"hits": []}}, "les vim") == []  # nothing to correct
    assert es_query.unknown_words(answer(0, 4), "sauvgarder serveurs") == ["sauvgarder"]


def test_a_list_by_date_is_searched_again_for_a_typo(settings):
    settings.KB_SEMANTIC_SEARCH = False
    dated = engine([answer(0)], [answer(), SPELLING])
    dated.search(SearchQuery(text="sauvgarder", sort="date"))
    first, second = dated.client.asked
    assert len(first) == 2 and fuzzy_clauses(first[1]) == []
    assert len(second) == 4 and fuzzy_clauses(second[1])[0]["query"] == "sauvgarder"
    known = engine([answer(2)])
    known.search(SearchQuery(text="sauvegarder", sort="date"))
    assert len(known.client.asked) == 1
