"""Parsing of recorded, real-shaped Elasticsearch answers (tests/search/es_responses/, see record.py)."""

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from search import ranking, semantic
from search.engines import es_query
from search.engines.base import SearchHit, SearchQuery
from search.engines.elastic import ElasticsearchEngine

RESPONSES = Path(__file__).parent / "es_responses"


def recorded(name):
    return json.loads((RESPONSES / name).read_text())


def test_search_response_gives_hits_counts_and_facets():
    results = es_query.parse_results(recorded("search_sauvegardes.json"))
    assert results.count == 1
    assert results.engine == "elasticsearch"
    [hit] = results.hits
    assert (hit.page_id, hit.kind, hit.title, hit.url) == (12, "tool", "restic", "/outils/restic/")
    assert hit.external_id == "deb-restic"
    assert hit.cooperatives == ["Coop Alpha", "Coop Beta"]
    assert (hit.ring, hit.rating, hit.category, hit.tags) == ("adopt", 4.5, "Sauvegarde", ["sauvegarde"])
    assert hit.date == datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert hit.excerpt == "Outil de <mark>sauvegarde</mark> en ligne de commande."
    # The kind facet ignores its own selection (kind=tool), so "procedure" stays choosable.
    assert results.facets["kind"] == [("procedure", 1), ("tool", 1)]
    assert results.facets["cooperative"] == [("Coop Alpha", 1), ("Coop Beta", 1)]
    assert results.facets["ring"] == [("adopt", 1)]
    assert results.facets["region"] == []


def test_facets_sorted_by_count_then_value_and_empty_buckets_dropped():
    aggregations = {
        "_filter_tags": {
            "doc_count": 9,
            "tags": {
                "buckets": [
                    {"key": "b", "doc_count": 2},
                    {"key": "a", "doc_count": 2},
                    {"key": "c", "doc_count": 5},
                ]
            },
        },
        "_filter_kind": {"doc_count": 0, "kind": {"buckets": [{"key": "tool", "doc_count": 0}]}},
    }
    facets = es_query.parse_facets(aggregations)
    assert facets["tags"] == [("c", 5), ("a", 2), ("b", 2)]
    assert facets["kind"] == []


def test_elided_article_is_left_outside_the_mark():
    # Shaped as Elasticsearch answers with the elision token filter (the token keeps "d'" in its offsets).
    hit = {"_id": "5", "_source": {}, "highlight": {"body": ["Organisation <mark>d&#x27;Événements</mark>"]}}
    assert es_query.parse_hit(hit).excerpt == "Organisation d&#x27;<mark>Événements</mark>"
    hit["highlight"]["body"] = ["<mark>L\u2019outil</mark> et <mark>qu&#x27;il</mark>"]
    assert es_query.parse_hit(hit).excerpt == "L\u2019<mark>outil</mark> et qu&#x27;<mark>il</mark>"


def test_excerpt_without_highlight_is_escaped_summary():
    hit = {"_id": "5", "_source": {"title": "t", "summary": "<b>gras</b> & co", "body": "corps"}}
    assert es_query.parse_hit(hit).excerpt == "&lt;b&gt;gras&lt;/b&gt; &amp; co"


def test_autocomplete_response():
    [suggestion] = es_query.parse_autocomplete(recorded("autocomplete_eve.json"))
    assert suggestion.title == "Événements de sauvegarde"
    assert suggestion.url == "/pratiques/evenements-de-sauvegarde/"
    assert suggestion.kind == "procedure"


def test_did_you_mean_from_highlighted_readable_titles():
    raw = recorded("did_you_mean_sauvgardes.json")
    assert es_query.parse_did_you_mean(raw, "evenemnts sauvgarde") == "événements sauvegarde"
    assert es_query.parse_did_you_mean(raw, "sauvegarde") == ""  # nothing to correct
    assert es_query.parse_did_you_mean({"hits": {"hits": []}}, "zzz") == ""


def hit(page_id, kind, score):
    return SearchHit(page_id, kind, f"t{page_id}", f"/{page_id}/", "", [], None, score=score)


def test_the_lifted_candidates_come_back_with_their_lexical_relevance_and_the_depth_without_them():
    lift = es_query.CANDIDATE_LIFT
    # As ranked: the candidates 7 and 3 first (lifted), then the others by relevance; depth 2.
    answer = [
        hit(7, "tool", lift + 4.0),
        hit(3, "tool", lift),
        hit(1, "procedure", 6.0),
        hit(2, "procedure", 3.0),
    ]
    lexical, candidates = es_query.lexical_and_candidates(answer, ["3", "7"], 2)
    assert [(h.page_id, h.score) for h in lexical] == [(1, 6.0), (7, 4.0)]
    # 3 matched no word (only the lift): relevance 0, beyond the depth, still there to fuse.
    assert [(h.page_id, h.score) for h in candidates] == [(7, 4.0), (3, 0.0)]


def test_a_candidate_past_the_ranked_hits_still_joins_the_fused_page():
    # Document 3 is a candidate whose relevance put it past the depth.
    ranked = [hit(1, "procedure", 6.0), hit(2, "procedure", 3.0)]
    cosines = semantic.Cosines(np.array([1, 2, 3]), np.array([0.2, 0.1, 0.9]))
    query = SearchQuery(text="x", per_page=3)
    page = ElasticsearchEngine._fused_page(query, ranked, [hit(3, "tool", 0.5)], cosines)
    relevance, cosine = {1: 1.0, 2: 0.5, 3: 0.5 / 6}, {1: 0.2, 2: 0.1, 3: 0.9}
    fused = {pk: (1 - ranking.BLEND) * relevance[pk] + ranking.BLEND * cosine[pk] for pk in cosine}
    assert {h.page_id: h.score for h in page} == pytest.approx(fused, abs=1e-4)
    assert [h.page_id for h in page] == sorted(fused, key=lambda pk: -fused[pk])


def test_a_ranked_hit_holds_what_the_ranking_reads_from_doc_values():
    hit = {"_id": "4", "_score": 2.5, "fields": {"kind": ["tool"], "title.exact": ["restic"]}}
    parsed = es_query.parse_hit(hit)
    assert (parsed.page_id, parsed.kind, parsed.title, parsed.score) == (4, "tool", "restic", 2.5)
    assert (parsed.url, parsed.excerpt) == ("", "")  # the page's hits come back whole afterwards


def test_the_page_comes_whole_from_the_follow_up_answer_and_loses_a_hit_gone_since():
    page = [
        es_query.parse_hit({"_id": pk, "_score": score, "fields": {"kind": ["tool"], "title.exact": [pk]}})
        for pk, score in (("3", 0.9), ("1", 0.5), ("2", 0.4))
    ]
    answer = {
        "hits": {
            "hits": [
                {
                    "_id": "1",
                    "_score": 0.0,
                    "_source": {"title": "Un", "url": "/un/", "summary": "Sans surlignage."},
                },
                {
                    "_id": "3",
                    "_score": 0.0,
                    "_source": {"title": "Trois", "url": "/trois/", "kind": "procedure"},
                    "highlight": {"body": ["une <mark>sauvegarde</mark>"]},
                },
            ]
        }
    }
    kept = es_query.with_excerpts(page, answer)
    assert [(hit.page_id, hit.title, hit.url, hit.excerpt, hit.score) for hit in kept] == [
        (3, "Trois", "/trois/", "une <mark>sauvegarde</mark>", 0.9),
        (1, "Un", "/un/", "Sans surlignage.", 0.5),
    ]  # the page's order and fused scores; 2 was deleted or restricted between the two requests
