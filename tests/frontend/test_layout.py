"""The layout every public page shares: landmarks, one h1, labelled fields, breadcrumbs, CSP-safe markup."""

from django.template.loader import render_to_string

import pytest
from bs4 import BeautifulSoup

FIELD_SELECTOR = "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"


@pytest.fixture
def public_urls(site_tree):
    return [
        "/",
        "/reseau/",
        "/reseau/ile-de-france/",
        "/reseau/ile-de-france/coop-beta/",
        "/reseau/?competence=nexiste-pas",  # a filter error is shown in the page
        "/pratiques/",
        "/outils/",
        "/compte/connexion/",
        "/recherche/",
        "/recherche/?q=coop",
    ]


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def unlabelled_fields(soup):
    labelled_ids = {label.get("for") for label in soup.find_all("label")}
    return [
        str(field)
        for field in soup.select(FIELD_SELECTOR)
        if field.get("id") not in labelled_ids
        and not field.get("aria-label")
        and not field.get("aria-labelledby")
    ]


def test_every_page_has_the_landmarks_one_h1_and_labelled_fields(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = soup_of(response)
        assert soup.html["lang"] == "fr", url
        assert len(soup.select("body > header")) == 1, url  # banner
        assert len(soup.select("body > main#main")) == 1, url
        assert len(soup.select("body > footer")) == 1, url  # contentinfo
        assert soup.select_one("nav[aria-label]") is not None, url
        assert soup.select_one("form[role=search] input[name=q]") is not None, url
        assert len(soup.find_all("h1")) == 1, url
        assert unlabelled_fields(soup) == [], url
        assert soup.select_one("a.skip-link[href='#main']") is not None, url


def test_not_found_page_keeps_the_layout(client, site_tree):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one("body > main#main") is not None
    assert unlabelled_fields(soup) == []


def test_public_pages_carry_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"], url
        soup = soup_of(response)
        assert [str(tag) for tag in soup.find_all("script") if not tag.get("src")] == [], url
        assert [tag.name for tag in soup.find_all(style=True)] == [], url
        assert soup.find_all("style") == [], url


def test_breadcrumbs_follow_the_tree(client, site_tree):
    soup = soup_of(client.get("/reseau/ile-de-france/coop-beta/"))
    crumbs = soup.select("nav.breadcrumbs li")
    names = [crumb.get_text(strip=True) for crumb in crumbs]
    assert names == ["Accueil", "Réseau", "Île-de-France", "Coop Beta"]
    links = [a["href"] for a in soup.select("nav.breadcrumbs a")]
    assert links == ["/", "/reseau/", "/reseau/ile-de-france/"]
    assert crumbs[-1]["aria-current"] == "page"


def test_current_section_is_marked_in_the_main_navigation(client, site_tree):
    soup = soup_of(client.get("/reseau/ile-de-france/"))
    assert [a["href"] for a in soup.select(".main-nav a[aria-current]")] == ["/reseau/"]
    soup = soup_of(client.get("/"))
    assert soup.select(".main-nav a[aria-current]") == []


def test_server_error_page_stands_alone_in_both_languages():
    # Rendered without context or database when everything else failed.
    soup = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert soup.html["lang"] == "fr"
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one("main#main") is not None
    assert soup.select_one("p[lang=en]") is not None
    assert soup.find_all("script") == []
