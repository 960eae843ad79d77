"""Every public page that exists, in a real browser: accessible, self-contained, responsive, screenshotted."""

import datetime
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Page, get_page_models

import pytest

from tests.browser.helpers import (
    DESKTOP,
    PlaywrightError,
    log_in,
    page_weight,
    screenshot,
    serious_violations,
)
from tests.factories import PASSWORD

MAX_PAGE_BYTES = 200 * 1024  # everything but images
NARROWEST_PHONE = {"width": 360, "height": 740}
OVERFLOW_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def public_pages():
    """(name, path): the first live public page of every page model (each app's pages join in as soon as
    the demo has some), then the pages that are views."""
    pages = []
    for model in get_page_models():
        first = model.objects.live().public().order_by("path").first() if model is not Page else None
        if first is not None:
            pages.append((model._meta.model_name, first.url))
    return [
        *pages,
        ("login", reverse("login")),
        ("search", reverse("search") + "?q=num%C3%A9rique"),
        ("not-found", "/cette-page-n-existe-pas/"),
    ]


def test_public_pages_pass_axe_weigh_little_and_fit_a_phone(demo_site, page):
    pages = public_pages()
    assert {"homepage", "networkpage", "regionpage", "cooperativepage"} <= {name for name, _ in pages}
    for name, path in pages:
        weight = page_weight(page, demo_site.url + path)
        assert weight < MAX_PAGE_BYTES, (name, weight)
        assert serious_violations(page) == [], name
        assert page.locator("h1").count() == 1, name
        # The CSP forbids them; the page guard would see the refusal, this names the culprit.
        assert page.locator("script:not([src]), [style]").count() == 0, name
        screenshot(page, name)

        page.set_viewport_size(NARROWEST_PHONE)
        overflow = page.evaluate(OVERFLOW_JS)
        assert overflow <= 0, f"{name} scrolls sideways at 360 px by {overflow} px"
        page.set_viewport_size(DESKTOP)


def test_keyboard_skip_link_focus_ring_and_header_search(served_site, page):
    page.goto(served_site.url + "/reseau/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()  # off screen until focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.keyboard.press("Tab")  # the first link of the content is the page's own
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")

    page.locator("#header-q").focus()
    page.keyboard.type("Infogérance")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=*")
    assert page.locator("#search-q").input_value() == "Infogérance"


def test_language_switch_changes_the_interface_and_keeps_the_page(served_site, page):
    page.goto(served_site.url + "/reseau/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("button", name="English").click()
    page.wait_for_url(served_site.url + "/reseau/")
    assert page.locator("html").get_attribute("lang") == "en"
    main_navigation = page.get_by_role("navigation", name="Main navigation")
    assert main_navigation.get_by_role("link", name="Practices").is_visible()
    screenshot(page, "network-english")
    page.get_by_role("button", name="Français").click()
    page.wait_for_url(served_site.url + "/reseau/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_the_guard_stops_and_reports_requests_leaving_the_machine(served_site, browser_context, guard):
    page = browser_context.new_page()
    with pytest.raises(PlaywrightError):
        page.goto("https://example.org/tracker.js")
    assert guard.outside_requests == ["https://example.org/tracker.js"]


def test_print_keeps_the_content_and_drops_the_chrome(served_site, page):
    page.goto(served_site.url + "/reseau/ile-de-france/coop-beta/")
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible()
    for chrome in (".site-header", ".site-footer", ".breadcrumbs"):
        assert page.locator(chrome).is_hidden(), chrome
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()


CARD_KINDS = [
    ("procedure", "Procédure"),
    ("checklist", "Liste de contrôle"),
    ("tool", "Outil"),
    ("review", "Avis"),
    ("cooperative", "Coopérative"),
]


def test_every_card_kind_passes_axe_with_its_badges(served_site, page):
    """The card colours other apps will use, checked before any of their pages exist."""
    tags = [SimpleNamespace(name="Sauvegarde", slug="sauvegarde")]
    cards = "".join(
        render_to_string(
            "includes/card.html",
            {
                "url": "/", "title": f"Une carte {label}", "kind": kind, "kind_label": label,
                "meta": "Coop Alpha · 5 étapes", "date": datetime.date(2026, 1, 15), "summary": "Résumé.",
                "tags": tags, "tag_url": "/recherche/?tag=", "restricted": True, "example": True,
            },
        )
        for kind, label in CARD_KINDS
    )  # fmt: skip
    page.goto(served_site.url + "/pratiques/")
    page.evaluate("html => { document.querySelector('main').insertAdjacentHTML('beforeend', html) }", cards)
    assert page.locator("article.card").count() == len(CARD_KINDS)
    assert serious_violations(page) == []


def test_member_signs_in_and_out_from_the_header(served_site, people, page):
    log_in(page, served_site.url, "member_a", PASSWORD)
    assert page.locator(".account__name").inner_text() == "member_a"
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(served_site.url + "/")
    assert page.get_by_role("link", name="Se connecter").is_visible()


def test_login_error_keeps_the_username_and_says_why(served_site, people, page):
    page.goto(served_site.url + "/compte/connexion/")
    page.locator("#id_username").fill("member_a")
    page.locator("#id_password").fill("not-the-password")
    page.locator("main button[type=submit]").click()
    assert page.get_by_role("alert").is_visible()
    assert page.locator("#id_username").input_value() == "member_a"
    assert serious_violations(page) == []
    screenshot(page, "login-error")


def test_moderator_gets_the_wagtail_userbar_within_the_csp(served_site, people, page):
    log_in(page, served_site.url, "moderator", PASSWORD)
    page.goto(served_site.url + "/reseau/")
    assert page.locator("wagtail-userbar").count() == 1
    # The page fixture fails the test on any console error, CSP refusals included.
