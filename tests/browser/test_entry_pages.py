"""The entry pages in a real browser: the home page (as a visitor and as a member) and « Plan du site »,
accessible, fitting a phone, screenshotted (copies of these screenshots live in docs/screenshots/)."""

from tests.browser.helpers import DESKTOP, log_in, screenshot, serious_violations
from tests.browser.journey_data import give_password
from tests.factories import PASSWORD

NARROWEST_PHONE = {"width": 360, "height": 740}
OVERFLOW_JS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_fits_and_is_accessible(page, name):
    assert serious_violations(page) == [], name
    assert page.locator("h1").count() == 1, name
    page.set_viewport_size(NARROWEST_PHONE)
    assert page.evaluate(OVERFLOW_JS) <= 0, f"{name} scrolls sideways at 360 px"
    page.set_viewport_size(DESKTOP)


def test_home_page_and_site_plan(demo_site, page):
    page.goto(demo_site.url + "/")
    assert page.get_by_role("heading", name="Quoi de neuf").is_visible()
    assert page.get_by_role("search").first.is_visible()
    assert_fits_and_is_accessible(page, "home")
    screenshot(page, "home")

    page.get_by_role("contentinfo").get_by_role("link", name="Plan du site").click()
    page.wait_for_url("**/plan-du-site/")
    assert page.get_by_role("heading", name="Plan du site").is_visible()
    assert_fits_and_is_accessible(page, "site-plan")
    screenshot(page, "site-plan")


def test_member_home_shows_their_cooperative_desk(demo_site, page):
    give_password("membre")
    log_in(page, demo_site.url, "membre", PASSWORD)  # lands on the home page

    assert page.get_by_role("heading", name="À faire pour Les Octets Solidaires").is_visible()
    assert page.get_by_role("heading", name="Veille à mettre à jour").is_visible()
    assert_fits_and_is_accessible(page, "home-member")
    screenshot(page, "home-member")
