"""French content read under the English interface is marked lang="fr"; under French, nothing is."""

import pytest
from bs4 import BeautifulSoup

from tests.tooling.conftest import make_category, make_tool


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    """Index updates run as the commit would run them."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def soup_of(client, url, **params):
    return BeautifulSoup(client.get(url, params).content, "html.parser")


def test_page_title_and_summary_are_marked_french_under_english(client, site_tree):
    cooperative = site_tree["coop_a"]
    client.cookies["django_language"] = "en"

    soup = soup_of(client, cooperative.url)

    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Coop Alpha" and soup.h1["lang"] == "fr"
    assert soup.select_one(".lead")["lang"] == "fr"
    # Interface words stay unmarked: they are in the interface's language.
    assert not soup.select_one(".skip-link").has_attr("lang")


def test_nothing_is_marked_when_interface_and_content_agree(client, site_tree):
    soup = soup_of(client, site_tree["coop_a"].url)

    assert soup.html["lang"] == "fr"
    assert not soup.h1.has_attr("lang")
    assert soup.select("main [lang]") == []


def test_search_results_are_marked_french_under_english(client, site_tree, index_now):
    with index_now():
        make_tool(make_category(site_tree["tools"]), "Matrix", summary="Messagerie fédérée et chiffrée")
    client.cookies["django_language"] = "en"

    result = soup_of(client, "/recherche/", q="messagerie").select_one(".results .result")

    assert result.h2.get_text(strip=True) == "Matrix" and result.h2["lang"] == "fr"
    assert "Messagerie" in result.select_one(".result-excerpt").get_text()
    assert result.select_one(".result-excerpt")["lang"] == "fr"
    assert not result.select_one(".result-kind").has_attr("lang")  # "Tool": the interface's word
