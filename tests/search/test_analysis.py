"""How the database engines read and rank a query: words, synonyms, names."""

from search.engines import get_database_engine
from search.engines.base import SearchQuery

from .conftest import make_coop


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


def test_a_name_typed_as_it_is_beats_pages_that_repeat_it(site_tree, index_now):
    region = site_tree["region_ara"]
    with index_now():
        named = make_coop(
            region,
            "Quarkstack",
            "quarkstack",
            "Une coopérative de développement logiciel, hébergement et formation en région.",
            "<p>Nous accompagnons les associations et les collectivités dans leurs projets numériques, "
            "du conseil à la maintenance, avec des outils libres.</p>",
        )
        make_coop(region, "Quarkstack Formation", "quarkstack-formation", "Quarkstack, cours Quarkstack.")
    hits = get_database_engine().search(SearchQuery(text="quarkstack")).hits
    assert len(hits) == 2
    assert hits[0].url == named.url
