"""The shared re-ranking of every engine's lexical head (search/reranking.py)."""

from search.reranking import EXACT_TITLE_BONUS, FAMILY_DECAY, Head, rerank

# A query of three concepts (« sauvegarde distante chiffrée »), and one of two with a phrase synonym.
THREE = [[("sauvegard",)], [("distant",)], [("chiffr",)]]
TWO = [[("sauvegard",)], [("archiv",), ("copi", "secur")]]
ONE = [[("gimp",)]]


def head(pk, score, covered=0, title=" autre ", family=""):
    return Head(pk, score, covered, title, family)


def order(entries, concepts):
    return [pk for _, pk in rerank(entries, concepts)]


def test_covering_every_concept_beats_a_higher_score_on_one():
    entries = [head(1, 10.0, covered=1), head(2, 6.0, covered=3)]
    assert order(entries, THREE) == [2, 1]  # 10 x 0.58 against 6 x 1.25
    assert order(entries, ONE) == [1, 2]  # one concept: the engine's order stands


def test_query_concepts_in_the_title_count():
    entries = [head(1, 10.0, covered=2), head(2, 8.0, covered=2, title=" sauvegard copi secur ")]
    assert order(entries, TWO) == [2, 1]  # both concepts in its title, one through its synonym
    assert order([head(1, 10.0, covered=2), head(2, 8.0, covered=2)], TWO) == [1, 2]


def test_a_title_that_is_the_query_doubles():
    ranked = rerank([head(1, 3.0, title=" gimp "), head(2, 5.0, title=" gimp plugin ")], ONE)
    assert {pk: score for score, pk in ranked} == {1: 3.0 * EXACT_TITLE_BONUS, 2: 5.0}


def test_each_further_package_of_a_family_counts_less():
    entries = [
        head(1, 10.0, family="foo"),
        head(2, 9.0, family="foo"),
        head(3, 8.0, family="foo"),
        head(4, 7.0),
    ]
    ranked = rerank(entries, ONE)
    assert [pk for _, pk in ranked] == [1, 4, 2, 3]
    assert {pk: score for score, pk in ranked}[3] == 8.0 * FAMILY_DECAY**2


def test_ties_keep_the_id_order():
    assert order([head(5, 1.0), head(3, 1.0), head(4, 1.0)], ONE) == [3, 4, 5]


def test_titles_match_whole_terms_only():
    entries = [head(1, 10.0, covered=2), head(2, 8.0, covered=2, title=" sauve archive ")]
    assert order(entries, TWO) == [1, 2]  # « sauve », « archive » are not the stems asked
