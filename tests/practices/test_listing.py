"""Index and category pages list practices with filters, in a bounded number of queries."""

import pytest

from practices.factories import PracticeCategoryPageFactory
from practices.models import Maturity
from tests.practices.conftest import make_checklist, make_procedure


@pytest.fixture
def catalogue(category, site_tree):
    quality = PracticeCategoryPageFactory(parent=site_tree["practices"], title="Qualité", slug="qualite")
    return {
        "proven": make_procedure(
            category,
            "Sauvegarde éprouvée",
            "sauvegarde",
            maturity=Maturity.PROVEN,
            author_cooperative=site_tree["coop_a"],
        ),
        "draft": make_procedure(
            quality, "Revue brouillon", "revue", tag_names=["revue"], author_cooperative=site_tree["coop_b"]
        ),
        "checklist": make_checklist(
            quality, "Contrôle final", "controle", author_cooperative=site_tree["coop_b"]
        ),
    }


def titles(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    return {title for title in ("Sauvegarde éprouvée", "Revue brouillon", "Contrôle final") if title in html}


def test_index_lists_every_practice(client, catalogue):
    assert titles(client, "/pratiques/") == {"Sauvegarde éprouvée", "Revue brouillon", "Contrôle final"}


def test_filters(client, catalogue):
    assert titles(client, "/pratiques/", categorie="qualite") == {"Revue brouillon", "Contrôle final"}
    assert titles(client, "/pratiques/", maturite="eprouvee") == {"Sauvegarde éprouvée"}
    assert titles(client, "/pratiques/", cooperative="coop-beta") == {"Revue brouillon", "Contrôle final"}
    assert titles(client, "/pratiques/", tag="revue") == {"Revue brouillon"}
    assert titles(client, "/pratiques/", type="checklist") == {"Contrôle final"}
    assert titles(client, "/pratiques/qualite/", type="procedure") == {"Revue brouillon"}


def test_unknown_filter_values_answer_with_a_message_not_an_error(client, catalogue):
    response = client.get("/pratiques/", {"maturite": "parfaite", "cooperative": "nulle-part"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cette maturité n&#x27;existe pas" in html
    assert "Cette coopérative n&#x27;existe pas" in html
    assert client.get("/pratiques/", {"page": "999"}).status_code == 200


def test_overdue_review_is_flagged(client, catalogue):
    html = client.get(
        catalogue["checklist"].url
    ).content.decode()  # last reviewed 2025-01-15, every 12 months
    assert "à revoir" in html


def test_listing_queries_do_not_grow_with_the_number_of_practices(
    client, category, catalogue, django_assert_max_num_queries
):
    for number in range(30):
        make_procedure(
            category, f"Procédure {number}", f"procedure-{number}", tag_names=["lot", f"n{number}"]
        )
    client.get("/pratiques/")
    with django_assert_max_num_queries(25):
        response = client.get("/pratiques/")
    assert "Procédure 1" in response.content.decode()
