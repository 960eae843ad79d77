"""The shared card include: what other apps get when they pass its documented parameters."""

import datetime
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from bs4 import BeautifulSoup


def render_card(**parameters):
    return BeautifulSoup(render_to_string("includes/card.html", parameters), "html.parser")


def test_card_shows_kind_title_meta_date_summary_and_linked_tags():
    tags = [SimpleNamespace(name="Sauvegarde", slug="sauvegarde"), SimpleNamespace(name="RGPD", slug="rgpd")]
    with translation.override("fr"):
        card = render_card(
            url="/pratiques/sauvegardes/",
            title="Sauvegardes <chiffrées>",
            kind="procedure",
            kind_label="Procédure",
            meta="5 étapes",
            date=datetime.date(2026, 1, 15),
            summary="Comment sauvegarder.",
            tags=tags,
            tag_url="/recherche/?tag=",
            heading_level=2,
        )
    article = card.select_one("article.card.card--procedure")
    assert article.select_one(".badge--procedure").get_text() == "Procédure"
    title = article.select_one("h2.card__title a")
    assert (title["href"], title.get_text()) == ("/pratiques/sauvegardes/", "Sauvegardes <chiffrées>")
    assert "<chiffrées>" not in str(card)  # escaped
    assert article.select_one(".card__meta time").get_text() == "15 janvier 2026"
    assert article.select_one(".card__summary").get_text() == "Comment sauvegarder."
    tag_links = [a["href"] for a in article.select(".tags a.tag")]
    assert tag_links == ["/recherche/?tag=sauvegarde", "/recherche/?tag=rgpd"]


def test_card_without_optional_parts_stays_minimal():
    card = render_card(url="/outils/nextcloud/", title="Nextcloud")
    assert card.select_one("h3.card__title a")["href"] == "/outils/nextcloud/"
    assert card.select(".card__badges, .card__meta, .card__summary, .tags") == []


def test_card_flags_members_only_and_fictional_content():
    with translation.override("fr"):
        card = render_card(url="/x/", title="X", restricted=True, example=True)
    assert [badge.get_text() for badge in card.select(".badge")] == ["Membres", "exemple fictif"]


def test_cooperative_card_links_its_skills_to_the_directory(client, site_tree):
    soup = BeautifulSoup(client.get("/reseau/").content, "html.parser")
    card = next(c for c in soup.select("article.card--cooperative") if "Coop Alpha" in c.get_text())
    assert card.select_one(".card__title a")["href"] == "/reseau/auvergne-rhone-alpes/coop-alpha/"
    assert card.select_one(".card__meta").get_text(" ", strip=True) == "SCOP SARL · Lyon"
    assert [a["href"] for a in card.select("a.tag")] == ["/reseau/?competence=developpement-web"]
