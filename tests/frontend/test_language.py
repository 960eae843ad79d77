"""French first, English on request: the switch, the lang attribute, dates in the reader's language."""

import datetime

from django.utils import timezone

from bs4 import BeautifulSoup

from kb.models import NetworkPage


def switch_language(client, language, next_url):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_switch_to_english_and_back_keeps_the_page(client, site_tree):
    response = switch_language(client, "en", "/reseau/")
    assert response.status_code == 302
    assert response["Location"] == "/reseau/"

    soup = BeautifulSoup(client.get("/reseau/").content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.select_one(".skip-link").get_text() == "Skip to content"
    assert [a.get_text() for a in soup.select(".main-nav a")] == ["Practices", "Tools", "Network"]
    switch = soup.select_one("form.language-switch button[name=language]")
    assert (switch["value"], switch["lang"], switch.get_text(strip=True)) == ("fr", "fr", "Français")

    switch_language(client, "fr", "/reseau/")
    soup = BeautifulSoup(client.get("/reseau/").content, "html.parser")
    assert soup.html["lang"] == "fr"
    assert soup.select_one(".skip-link").get_text() == "Aller au contenu"
    assert soup.select_one("form.language-switch button[name=language]")["value"] == "en"


def test_language_switch_returns_to_the_page_with_its_query(client, site_tree):
    soup = BeautifulSoup(client.get("/reseau/?ville=Lyon").content, "html.parser")
    assert soup.select_one("form.language-switch input[name=next]")["value"] == "/reseau/?ville=Lyon"


def test_dates_are_written_in_the_reader_language(client, site_tree):
    published = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))
    NetworkPage.objects.filter(pk=site_tree["network"].pk).update(last_published_at=published)

    french = BeautifulSoup(client.get("/reseau/").content, "html.parser").select_one(".page-meta time")
    assert french.get_text() == "5 mars 2026"
    assert french["datetime"].startswith("2026-03-05T10:00:00")

    switch_language(client, "en", "/reseau/")
    english = BeautifulSoup(client.get("/reseau/").content, "html.parser").select_one(".page-meta time")
    assert english.get_text() == "March 5, 2026"
