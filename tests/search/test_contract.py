"""The engine contract: the same behaviour from every engine (see conftest.available_engines)."""

import pytest

from search.engines import get_engine
from search.engines.base import Reader, SearchQuery
from search.models import SynonymGroup
from tests.search.conftest import make_coop


def titles(results):
    return [hit.title for hit in results.hits]


def run(text, **options):
    return get_engine().search(SearchQuery(text=text, **options))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("evenement", "Coop Gamma"),  # accents and case
        ("ÉVÉNEMENTS", "Coop Gamma"),
        ("sauvegardes", "Coop Delta"),  # plural of another form of the verb
        ("l'outil", "Coop Epsilon"),  # elision
        ("facturations", "Coop Epsilon"),
        ("restauration donnees", "Coop Delta"),  # words from the body, no accents
    ],
)
def test_french_matching(corpus, text, expected):
    assert expected in titles(run(text))


def test_one_typo_in_a_long_word_is_tolerated(corpus):
    results = run("sauvgarder")
    assert titles(results)[0] == "Coop Delta"
    assert results.suggestion == "sauvegarder"


def test_two_typos_are_not_tolerated_even_in_a_long_word(corpus):
    # One edit from five letters on every engine, never two (Elasticsearch allowed two from eight).
    results = run("sauvgrder")  # « sauvegarder » less two letters
    assert "Coop Delta" not in titles(results)


def test_no_typo_tolerance_in_short_words(corpus):
    assert "Coop Epsilon" not in titles(run("otil"))


def test_a_word_some_document_holds_is_not_matched_one_edit_away(corpus, site_tree, index_now):
    # « manche » is a word of its own, one edit from « marche »: only a word no readable document
    # holds as typed is searched one edit away.
    with index_now():
        make_coop(site_tree["region_ara"], "Coop Marche", "coop-marche", "La marche à suivre.")
        make_coop(site_tree["region_ara"], "Coop Manche", "coop-manche", "Une manche du tournoi.")
    assert titles(run("marche")) == ["Coop Marche"]
    assert titles(run("manche")) == ["Coop Manche"]  # the control: that document is found by its word
    assert titles(run("marchhe")) == ["Coop Marche"]  # and a typo is still corrected


def test_title_ranks_above_body(corpus):
    results = run("gamma procédure")  # gamma is in a title, procédure in Delta's body
    assert titles(results)[:2] == ["Coop Gamma", "Coop Delta"]


def test_or_semantics_rewards_more_words(corpus):
    results = run("sauvegarder serveurs facturation")
    assert titles(results)[:2] == ["Coop Delta", "Coop Epsilon"]


def test_excerpt_highlights_original_words(corpus):
    hit = run("evenement").hits[0]
    assert "<mark>Événements</mark>" in hit.excerpt


def test_excerpt_is_escaped(corpus, index_now):
    page = corpus["tool"]
    with index_now():
        page.summary = "Outil <script>alert(1)</script> & co"
        page.save_revision().publish()
    excerpt = run("outil").hits[0].excerpt
    assert "<script>" not in excerpt
    assert "&lt;script&gt;" in excerpt


def test_hit_fields(corpus):
    hit = run("gamma").hits[0]
    assert hit.kind == "cooperative"
    assert hit.url == "/reseau/auvergne-rhone-alpes/coop-gamma/"
    assert hit.cooperatives == ["Coop Gamma"]
    assert hit.region == "Auvergne-Rhône-Alpes"
    assert hit.date is not None


def test_facets_count_and_combine(corpus):
    results = run("coop")
    regions = dict(results.facets["region"])
    assert regions == {"Auvergne-Rhône-Alpes": 3, "Île-de-France": 2}
    filtered = run("coop", filters={"region": ("Île-de-France",)})
    assert filtered.count == 2
    assert set(titles(filtered)) == {"Coop Beta", "Coop Epsilon"}
    # the region facet still offers the other region while one is chosen
    assert dict(filtered.facets["region"])["Auvergne-Rhône-Alpes"] == 3
    both = run("coop", filters={"region": ("Île-de-France",), "tags": ("Infogérance",)})
    assert titles(both) == ["Coop Beta"]


def test_empty_text_with_filter_browses(corpus):
    results = run("", filters={"tags": ("Développement web",)})
    assert titles(results) == ["Coop Alpha"]


def test_sort_by_date_and_pagination(corpus):
    everything = run("coop", sort="date", per_page=2)
    assert everything.count == 5
    dates = [hit.date for hit in everything.hits]
    assert dates == sorted(dates, reverse=True)
    second = run("coop", sort="date", per_page=2, page=2)
    assert not {hit.page_id for hit in everything.hits} & {hit.page_id for hit in second.hits}


def test_synonyms_expand_queries(corpus):
    SynonymGroup.objects.create(terms="RGPD\nprotection des données personnelles")
    assert titles(run("RGPD")) == []  # Delta speaks of "données", not of RGPD...
    SynonymGroup.objects.create(terms="PRA\nrestaurer les données")
    assert titles(run("PRA"))[:1] == ["Coop Delta"]  # ...but of restoring data


def test_suggest_prefix(corpus):
    suggestions = get_engine().suggest("coop gam", Reader.anonymous())
    assert [s.title for s in suggestions] == ["Coop Gamma"]


@pytest.mark.parametrize("text", ['"', "*", "😀", "\x00\x1f", "-", "x" * 10000])
def test_symbols_alone_find_nothing(corpus, text):
    results = run(text)
    assert results.count == 0 and results.hits == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sauvegarde AND OR NOT (", "sauvegarde"),
        ("title:sauvegarde", "title sauvegarde"),
        ("NEAR(facturation outil)", "near facturation outil"),
        ('"restauration" -donnees*', "restauration donnees"),
    ],
)
def test_query_syntax_is_read_as_words(corpus, text, words):
    """No operator reaches an engine's parser: the text finds what its words alone find."""
    expected = run(words)
    assert expected.count > 0
    assert titles(run(text)) == titles(expected)


def test_the_concepts_each_hit_covers_reach_the_shared_reranking(corpus, engine_name):
    # The database engines test each concept on the head's index entries (test_postgres.py and the
    # ranking tests); Elasticsearch names one query per concept and reads which matched.
    if engine_name != "elasticsearch":
        pytest.skip("the database engines' coverage: _concept_matches")
    from search.engines import es_query

    engine = get_engine()
    faceted = es_query.KbFacetedSearch(SearchQuery(text="sauvegarder serveurs facturation"), engine.alias)
    answer = engine._msearch({"results": faceted.ranked_body(200)})["results"]
    covered = es_query.matched_concepts(answer)
    by_title = {es_query.parse_hit(hit).title: covered[int(hit["_id"])] for hit in answer["hits"]["hits"]}
    assert by_title == {"Coop Delta": 2, "Coop Epsilon": 1}
