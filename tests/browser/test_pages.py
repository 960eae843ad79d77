"""Every public page that exists, in a real browser: accessible, self-contained, responsive, screenshotted."""

from django.urls import reverse

import pytest

from kb.models import CooperativePage, RegionPage
from tests.browser.helpers import DESKTOP, PlaywrightError, page_weight, screenshot, serious_violations

MAX_PAGE_BYTES = 200 * 1024  # everything but images
NARROWEST_PHONE = {"width": 360, "height": 740}
OVERFLOW_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def public_pages():
    """(name, path) of one page of each kind that exists; apps add theirs after the merge."""
    region = RegionPage.objects.live().order_by("path").first()
    cooperative = CooperativePage.objects.live().order_by("path").first()
    return [
        ("home", "/"),
        ("network", "/reseau/"),
        ("region", region.url),
        ("cooperative", cooperative.url),
        ("login", reverse("login")),
        ("search", reverse("search") + "?q=cooperative"),
        ("not-found", "/cette-page-n-existe-pas/"),
    ]


def test_public_pages_pass_axe_weigh_little_and_fit_a_phone(demo_site, page):
    for name, path in public_pages():
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
    page.get_by_role("button", name="Français").click()
    page.wait_for_url(served_site.url + "/reseau/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_the_guard_stops_and_reports_requests_leaving_the_machine(served_site, browser_context, guard):
    page = browser_context.new_page()
    with pytest.raises(PlaywrightError):
        page.goto("https://example.org/tracker.js")
    assert guard.outside_requests == ["https://example.org/tracker.js"]
