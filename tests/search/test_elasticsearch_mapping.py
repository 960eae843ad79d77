"""The Elasticsearch index definition and request bodies, checked as data (no server needed)."""

from elasticsearch.dsl import Index

from search import ranking
from search.engines import es_query
from search.engines.base import Reader, SearchQuery
from search.engines.es_mapping import FOLDING, FRENCH, KbDocument, index_settings
from search.reranking import KIND_BOOST
from tests.search.es_bodies import find


def mapping():
    index = Index("kbtest")
    index.document(KbDocument)
    return index.to_dict()["mappings"]["properties"]


def body(**kwargs):
    return es_query.KbFacetedSearch(SearchQuery(**kwargs), "kb").body()


def test_french_analysis_chain_in_order():
    analysis = index_settings()["analysis"]
    chain = analysis["analyzer"][FRENCH]
    assert chain["tokenizer"] == "standard"
    steps = ["kb_elision", "lowercase", "kb_french_stop", "asciifolding", "kb_french_stemmer"]
    assert chain["filter"] == steps
    assert analysis["filter"]["kb_french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["kb_french_stop"]["stopwords"] == "_french_"
    elision = analysis["filter"]["kb_elision"]
    assert elision["type"] == "elision"
    assert {"l", "d", "qu", "j"} <= set(elision["articles"])
    # Autocomplete compares real words: folded, never stemmed.
    assert analysis["analyzer"][FOLDING]["filter"] == ["kb_elision", "lowercase", "asciifolding"]


def test_analysis_options_swap_stemmer_and_elision_step():
    analysis = index_settings({"stemmer": "french", "elision": "split"})["analysis"]
    assert analysis["filter"]["kb_french_stemmer"]["language"] == "french"
    chain = analysis["analyzer"][FRENCH]
    assert chain["char_filter"] == ["kb_apostrophes"]
    assert chain["filter"] == [
        "lowercase",
        "kb_elided_articles",
        "kb_french_stop",
        "asciifolding",
        "kb_french_stemmer",
    ]
    assert "kb_elision" not in analysis["filter"]
    assert analysis["char_filter"]["kb_apostrophes"] == {
        "type": "pattern_replace",
        "pattern": "['\u2019]",
        "replacement": " ",
    }


def test_mapping_fields_follow_the_search_contract():
    fields = mapping()
    contract = {"kind", "title", "summary", "body", "comments", "tags", "category", "region", "cooperatives"}
    contract |= {"ring", "score", "external_id", "date", "url", "audience"}
    assert contract <= set(fields)
    for name in ("title", "summary", "body", "comments"):
        assert fields[name] == {**fields[name], "type": "text", "analyzer": FRENCH}
    assert fields["title"]["fields"]["exact"] == {"type": "keyword"}
    for name in ("tags", "category", "region", "cooperatives"):
        assert fields[name]["fields"]["exact"] == {"type": "keyword"}
    for name in ("kind", "ring", "external_id", "audience"):
        assert fields[name]["type"] == "keyword"
    assert fields["score"]["type"] == "float"
    assert fields["date"]["type"] == "date"
    assert fields["title_suggest"] == {"type": "search_as_you_type", "analyzer": FOLDING}


def test_weighted_words_typos_and_synonyms():
    query = SearchQuery(text="RGPD outils")
    request = es_query.KbFacetedSearch(query, "kb", synonyms=["protection des données"])
    query = request.body()["query"]
    words, synonym, *concepts = find(query, "multi_match")
    assert (words["query"], words["type"]) == ("RGPD outils", "cross_fields")
    assert all("fuzziness" not in clause for clause in find(query, "multi_match"))  # every word known
    assert words["fields"].index("title^6") < words["fields"].index("body")
    assert "comments^0.3" in words["fields"]
    assert {"query": "protection des données", "type": "phrase"}.items() <= synonym.items()
    # A word no readable document holds as typed: one edit away, the other words as typed.
    typo = es_query.KbFacetedSearch(SearchQuery(text="RGPD outilz"), "kb", unknown=["outilz"])
    typos = find(typo.body()["query"], "multi_match")[1]
    assert (typos["query"], typos["fuzziness"], typos["type"]) == ("outilz", "AUTO:5,1000", "best_fields")
    # One weightless named query per concept, for the shared re-ranking's coverage.
    assert [(concept["query"], concept["_name"]) for concept in concepts] == [
        ("rgpd", "concept_0"),
        ("outils", "concept_1"),
    ]
    assert find(query, "field_value_factor") == [{"field": "boost", "missing": 1}]
    weights = {item["filter"]["term"]["kind"]: item["weight"] for item in find(query, "functions")[0][1:]}
    assert weights == KIND_BOOST


def test_one_concept_needs_no_named_queries():
    query = es_query.KbFacetedSearch(SearchQuery(text="les sauvegardes"), "kb").body()["query"]
    assert all("_name" not in clause for clause in find(query, "multi_match"))


def test_privacy_filter_is_a_bool_filter_so_facets_respect_it():
    request = body(text="x", reader=Reader(tokens=frozenset({"public", "login"})))
    assert {"terms": {"audience": ["login", "public"]}} in request["query"]["bool"]["filter"]
    assert "post_filter" not in request  # no facet selected: nothing narrows hits after the aggregations


def test_superuser_has_no_privacy_filter():
    request = body(text="x", reader=Reader(sees_everything=True))
    assert find(request, "audience") == []


def test_selected_facets_narrow_hits_and_the_other_facets():
    request = body(text="x", filters={"kind": ("tool",), "region": ("Bretagne", "Occitanie")})
    post = find(request["post_filter"], "terms")
    assert {"kind": ["tool"]} in post
    assert {"region.exact": ["Bretagne", "Occitanie"]} in post
    aggs = request["aggs"]
    # A facet's counts ignore its own selection (so other values stay choosable) but apply the others'.
    assert find(aggs["_filter_kind"]["filter"], "terms") == [{"region.exact": ["Bretagne", "Occitanie"]}]
    assert find(aggs["_filter_ring"]["filter"], "terms") == [
        {"kind": ["tool"]},
        {"region.exact": ["Bretagne", "Occitanie"]},
    ]


def test_every_facet_asks_for_far_more_than_ten_buckets():
    aggs = body(text="x")["aggs"]
    for name, field in es_query.FACET_FIELDS.items():
        terms = aggs[f"_filter_{name}"]["aggs"][name]["terms"]
        assert terms == {"field": field, "size": es_query.FACET_SIZE}
    assert es_query.FACET_SIZE >= 100


def test_no_aggregations_when_facets_are_not_wanted():
    assert "aggs" not in body(text="x", with_facets=False)


def test_highlight_uses_mark_and_escapes_html():
    highlight = body(text="x")["highlight"]
    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert set(highlight["fields"]) == {"body", "summary", "comments"}


def test_sort_and_pagination():
    assert body(text="x")["sort"] == ["_score", {"date": {"order": "desc"}}]
    assert body(text="x", sort="date")["sort"] == [{"date": {"order": "desc"}}]
    assert body(text="")["sort"] == [{"date": {"order": "desc"}}]  # browsing: newest first
    request = body(text="x", page=3, per_page=20)
    assert (request["from"], request["size"]) == (40, 20)
    assert request["track_total_hits"] is True
    beyond = body(text="x", page=1001, per_page=10)  # from + size would pass max_result_window
    assert (beyond["from"], beyond["size"]) == (0, 0)


def test_query_text_is_reduced_to_words():
    request = body(text='"a" AND (b* OR -c) ' + "mot " * 1000)
    text = find(request["query"], "multi_match")[0]["query"]
    assert text.split()[:5] == ["a", "AND", "b", "OR", "c"]
    assert len(text.split()) == es_query.MAX_WORDS


def test_query_text_is_bounded_like_the_search_page():
    # Fuzzy clauses cost the server in proportion to the words' length: a 10,000-letter word made the
    # did-you-mean search of a real OpenSearch node outlast the 2 s timeout.
    for request in (
        find(body(text="x" * 10_000), "multi_match")[0],
        find(es_query.did_you_mean_body("x" * 10_000, Reader.anonymous()), "multi_match")[0],
        find(es_query.autocomplete_body("x" * 10_000, Reader.anonymous(), 5), "multi_match")[0],
    ):
        assert request["query"] == "x" * es_query.MAX_TEXT_LENGTH


def test_empty_or_symbol_only_text_browses_everything_readable():
    request = body(text=' "*" ')
    assert find(request, "multi_match") == []
    assert request["query"] == {"bool": {"filter": [{"terms": {"audience": ["public"]}}]}}


def test_autocomplete_body_prefix_search_with_privacy():
    request = es_query.autocomplete_body("Évén", Reader.anonymous(), 5)
    match = request["query"]["bool"]["must"][0]["multi_match"]
    assert match["type"] == "bool_prefix"
    assert match["operator"] == "and"
    assert match["fields"] == ["title_suggest", "title_suggest._2gram", "title_suggest._3gram"]
    assert request["query"]["bool"]["filter"] == [{"terms": {"audience": ["public"]}}]
    assert request["size"] == 5


def test_did_you_mean_body_searches_only_readable_words():
    request = es_query.did_you_mean_body("sauvgarde", Reader.anonymous())
    assert request["query"]["bool"]["filter"] == [{"terms": {"audience": ["public"]}}]
    match = request["query"]["bool"]["must"][0]["multi_match"]
    assert match["fields"] == ["title.words", "summary.words", "body.words"]
    assert match["fuzziness"] == "AUTO:5,1000"
    assert set(request["highlight"]["fields"]) == set(match["fields"])


def test_words_subfields_are_folded_not_stemmed():
    fields = mapping()
    for name in ("title", "summary", "body"):
        assert fields[name]["fields"]["words"] == {"type": "text", "analyzer": FOLDING}


def test_semantic_candidates_join_the_matches_under_the_same_filters():
    faceted = es_query.KbFacetedSearch(
        SearchQuery(text="x", filters={"kind": ("tool",)}), "kb", candidates=[7, 9]
    )
    request = faceted.ranked_body(ranking.DEPTH)
    assert find(request["query"], "ids") == [{"values": ["7", "9"], "boost": es_query.CANDIDATE_LIFT}]
    assert {"terms": {"audience": ["public"]}} in request["query"]["bool"]["filter"]
    assert find(request["post_filter"], "terms") == [{"kind": ["tool"]}]
    # The depth's best and, lifted above them, every candidate: fused in Python, then paginated.
    assert (request["from"], request["size"]) == (0, ranking.DEPTH + 2)
    assert faceted.lexical_depth(ranking.DEPTH) == ranking.DEPTH


def test_a_deep_page_holds_the_lexical_order_down_to_its_end():
    faceted = es_query.KbFacetedSearch(SearchQuery(text="x", page=30, per_page=10), "kb", candidates=[7])
    assert faceted.lexical_depth(ranking.DEPTH) == 300
    assert faceted.ranked_body(ranking.DEPTH)["size"] == 301


def test_a_ranked_body_reaches_the_requested_page_and_stops_at_the_result_window():
    def size(page):
        return es_query.KbFacetedSearch(SearchQuery(text="x", page=page, per_page=10), "kb").ranked_body(200)[
            "size"
        ]

    assert (size(1), size(30), size(1001)) == (200, 300, 0)
    assert "ids" not in str(body(text="x"))  # no candidates, no ids clause
