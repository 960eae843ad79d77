"""Facets of coded values show their labels in the reader's language; filter URLs keep the codes."""

from bs4 import BeautifulSoup

from tests.tooling.conftest import make_category, make_review, make_tool


def ring_facet(html):
    soup = BeautifulSoup(html, "html.parser")
    for section in soup.select(".search-facets section"):
        if section.h2.get_text(strip=True) in ("Anneau", "Ring"):
            return {link.contents[0].strip(): link["href"] for link in section.select("a")}
    return {}


def test_ring_facet_shows_labels_and_filters_by_code(client, site_tree, index_now):
    with index_now():
        tool = make_tool(make_category(site_tree["tools"]), "Matrix", summary="Messagerie fédérée")
        make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01")

    french = ring_facet(client.get("/recherche/", {"q": "Matrix"}).content)
    assert list(french) == ["Adopter"]
    assert "ring=adopt" in french["Adopter"]

    client.cookies["django_language"] = "en"
    english = ring_facet(client.get("/recherche/", {"q": "Matrix"}).content)
    assert list(english) == ["Adopt"]
    assert "ring=adopt" in english["Adopt"]

    filtered = client.get("/recherche/" + english["Adopt"])
    assert filtered.status_code == 200
    assert "Matrix" in filtered.content.decode()
