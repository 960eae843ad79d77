"""How the database engines read a query: words, typos and the moderators' synonyms."""

from search.engines import get_database_engine


def test_a_synonym_is_one_more_way_to_write_the_words_it_stands_for(db):
    analysed = get_database_engine().analyse("changer son mot de passe")
    assert [concept[0] for concept in analysed.concepts] == [("chang",), ("mot",), ("pass",)]
    # « mot de passe » spans two query words: "password" may stand for either, and adds no concept
    # that a document saying « mot de passe » would miss.
    assert ("password",) in analysed.concepts[1]
    assert ("password",) in analysed.concepts[2]
    assert all(("password",) not in concept for concept in analysed.concepts[:1])


def test_an_acronym_expands_to_its_long_form(db):
    analysed = get_database_engine().analyse("conformité RGPD")
    rgpd = analysed.concepts[1]
    assert rgpd[0] == ("rgpd",)
    assert ("protect", "donne", "personnel") in rgpd
    assert len(analysed.concepts) == 2
