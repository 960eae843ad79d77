"""Helpers for the real-browser tests: Chromium's launch, the page guard, axe, weight, screenshots."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # dev requirements not installed: conftest skips every browser test
    Axe = PlaywrightError = sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
BLOCKING_IMPACTS = {"serious", "critical"}

if not CHROMIUM.exists():
    SKIP_REASON = "browser tests skipped: Chromium not found at /usr/bin/chromium (apt-get install chromium)"
elif sync_playwright is None:
    SKIP_REASON = "browser tests skipped: Playwright is not installed (pip install -r requirements/dev.txt)"
else:
    SKIP_REASON = None


class PageGuard:
    """What a page did that it must not: leave the machine, miss a resource, log errors, throw."""

    def __init__(self):
        self.outside_requests = []
        self.broken_resources = []
        self.console_errors = []
        self.page_errors = []

    def route(self, route):
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def response(self, response):
        # A page itself may answer 404 on purpose; what it loads may not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.broken_resources.append(f"{response.status} {response.url}")

    def console(self, message):
        # Chromium also logs every failed load; those are in broken_resources with their URL.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def problems(self):
        return {
            "requests outside 127.0.0.1/localhost": self.outside_requests,
            "stylesheets, scripts or images answering an error": self.broken_resources,
            "console errors": self.console_errors,
            "page errors": self.page_errors,
        }


def serious_violations(page):
    """axe-core's serious and critical violations on the page as it is now, one readable line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def page_weight(page, url):
    """Load url and return the bytes of the page and everything it loads, images left out."""
    sizes = []

    def count(response):
        if response.request.resource_type != "image":
            sizes.append(len(response.body()))

    page.on("response", count)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", count)
    return sum(sizes)


def screenshot(page, name):
    """Write the page at desktop and phone widths to test-artifacts/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("1280", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def log_in(page, base_url, username, password):
    """Sign in through the real login form, as a reader would; lands on the home page."""
    page.goto(f"{base_url}/compte/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")
