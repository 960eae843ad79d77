"""The XML sitemap: an index of sections, each paginated; only what an anonymous visitor may read."""

import pytest
from defusedxml import ElementTree

from tests.factories import PASSWORD
from tests.tooling.conftest import make_category, make_review, make_tool, members_only
from tooling.sitemaps import ToolsSitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{NS}loc")]


def section_urls(client, url="/sitemap.xml"):
    return [loc.replace("http://testserver", "") for loc in locations(client.get(url))]


def every_location(client):
    return [loc for section in section_urls(client) for loc in locations(client.get(section))]


@pytest.fixture
def catalogue(site_tree):
    category = make_category(site_tree["tools"])
    tools = [make_tool(category, f"Outil {n}") for n in range(5)]
    return {"category": category, "tools": tools}


def test_index_names_each_section(client, site_tree):
    assert section_urls(client) == [
        "/sitemap-reseau.xml",
        "/sitemap-pratiques.xml",
        "/sitemap-outils.xml",
        "/sitemap-avis.xml",
    ]
    network = locations(client.get("/sitemap-reseau.xml"))
    assert "http://localhost/reseau/auvergne-rhone-alpes/coop-alpha/" in network


def test_sections_are_paginated(client, catalogue, monkeypatch):
    monkeypatch.setattr(ToolsSitemap, "limit", 3)  # tool index + category + 5 tools: 7 URLs

    sections = section_urls(client)

    assert [url for url in sections if url.startswith("/sitemap-outils")] == [
        "/sitemap-outils.xml",
        "/sitemap-outils.xml?p=2",
        "/sitemap-outils.xml?p=3",
    ]
    pages = [locations(client.get(url)) for url in sections if url.startswith("/sitemap-outils")]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert len({loc for page in pages for loc in page}) == 7


@pytest.mark.parametrize("url", ["/sitemap-outils.xml?p=99", "/sitemap-outils.xml?p=abc", "/sitemap-x.xml"])
def test_bad_section_or_page_is_a_404(client, site_tree, url):
    assert client.get(url).status_code == 404


def test_restricted_pages_and_their_reviews_are_never_listed(client, site_tree, catalogue, people):
    secret_tool = catalogue["tools"][0]
    members_only(secret_tool)
    members_only(site_tree["coop_b"])
    make_review(catalogue["tools"][1], site_tree["coop_a"], "adopt", "2025-01-01")
    make_review(catalogue["tools"][1], site_tree["coop_b"], "hold", "2025-01-02")  # names Coop Beta
    client.login(username="member_a", password=PASSWORD)  # the map is the same for every reader

    listed = every_location(client)

    assert not [loc for loc in listed if "coop-beta" in loc or secret_tool.slug in loc.split("/")]
    # Positive controls: the public cooperative, tool and review are listed.
    assert "http://localhost/reseau/auvergne-rhone-alpes/coop-alpha/" in listed
    assert f"http://localhost{catalogue['tools'][1].url}" in listed
    assert any("avis-coop-alpha" in loc for loc in listed)


def test_a_section_page_costs_the_same_queries_whatever_its_length(
    client, catalogue, django_assert_max_num_queries
):
    client.get("/sitemap-outils.xml")
    with django_assert_max_num_queries(5):
        assert len(locations(client.get("/sitemap-outils.xml"))) == 7
    for n in range(10):
        make_tool(catalogue["category"], f"Autre {n}")
    with django_assert_max_num_queries(5):
        assert len(locations(client.get("/sitemap-outils.xml"))) == 17
