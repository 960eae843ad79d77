"""The shared re-ranking of every engine's lexical head (search/reranking.py)."""

from search.reranking import EXACT_TITLE_BONUS, FAMILY_DECAY, Head, needles, occurs, rerank


def head(pk, score, covered=0, in_title=0, exact_title=False, family=""):
    return Head(pk, score, covered, in_title, exact_title, family)


def order(entries, concepts):
    return [pk for _, pk in rerank(entries, concepts)]


def test_covering_every_concept_beats_a_higher_score_on_one():
    entries = [head(1, 10.0, covered=1), head(2, 6.0, covered=3)]
    assert order(entries, 3) == [2, 1]  # 10 x 0.58 against 6 x 1.25
    assert order(entries, 1) == [1, 2]  # one concept: the engine's order stands


def test_query_concepts_in_the_title_count():
    entries = [head(1, 10.0, covered=2), head(2, 8.0, covered=2, in_title=2)]
    assert order(entries, 2) == [2, 1]
    assert order([head(1, 10.0, covered=2), head(2, 8.0, covered=2)], 2) == [1, 2]


def test_a_title_that_is_the_query_doubles():
    scores = {pk: score for score, pk in rerank([head(1, 3.0, exact_title=True), head(2, 5.0)], 1)}
    assert scores == {1: 3.0 * EXACT_TITLE_BONUS, 2: 5.0}


def test_each_further_package_of_a_family_counts_less():
    entries = [
        head(1, 10.0, family="foo"),
        head(2, 9.0, family="foo"),
        head(3, 8.0, family="foo"),
        head(4, 7.0),
    ]
    ranked = rerank(entries, 1)
    assert [pk for _, pk in ranked] == [1, 4, 2, 3]
    assert {pk: score for score, pk in ranked}[3] == 8.0 * FAMILY_DECAY**2


def test_ties_keep_the_id_order():
    assert order([head(5, 1.0), head(3, 1.0), head(4, 1.0)], 1) == [3, 4, 5]


def test_needles_match_whole_terms_only():
    title_terms = " sauvegard distant "
    assert occurs(needles([("sauvegard",)]), title_terms)
    assert occurs(needles([("archiv",), ("sauvegard", "distant")]), title_terms)  # a phrase synonym
    assert not occurs(needles([("sauve",)]), title_terms)
