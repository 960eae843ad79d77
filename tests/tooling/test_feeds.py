"""RSS and Atom feeds parse in a standard reader and never carry members-only pages."""

import feedparser
import pytest

from tests.factories import PASSWORD
from tests.tooling.conftest import make_category, make_review, make_tool, members_only


@pytest.fixture
def watch(site_tree, catalogue):
    secret = make_tool(catalogue["category"], "Outil interne", summary="Réservé aux membres")
    members_only(secret)
    make_review(secret, site_tree["coop_a"], "adopt", "2025-01-01", recommendation="Secret de coopérative")
    make_review(catalogue["matrix"], site_tree["coop_a"], "trial", "2025-01-02", recommendation="À essayer")
    other = make_category(site_tree["tools"], "Jeux", "jeux")
    make_tool(other, "Xonotic", summary="Jeu de tir")
    return {"secret": secret, "other": other}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_overall_feed_parses_and_keeps_members_only_items_out(client, people, catalogue, watch, kind):
    client.login(username="member_a", password=PASSWORD)  # even a member's reader gets public items only
    response = client.get(f"/outils/flux/{kind}/")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert "Nouvel outil : Matrix" in titles and "Nouvel outil : Xonotic" in titles
    assert "Avis sur Matrix : Essayer (Coop Alpha)" in titles
    assert not any("Outil interne" in title for title in titles)
    assert b"Secret de coop" not in response.content and b"Outil interne" not in response.content
    assert all(entry.link.startswith("http://testserver/outils/") for entry in feed.entries)


def test_category_feed_has_only_its_category(client, catalogue, watch):
    feed = feedparser.parse(client.get(catalogue["category"].url + "flux/atom/").content)
    titles = [entry.title for entry in feed.entries]
    assert "Nouvel outil : Matrix" in titles
    assert "Nouvel outil : Xonotic" not in titles


def test_unknown_feed_kind_is_not_found(client, catalogue):
    assert client.get("/outils/flux/json/").status_code == 404
