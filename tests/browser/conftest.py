"""Real-browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked `browser` and skipped, with the reason, when /usr/bin/chromium or
Playwright is missing. Each page fails its test if it asks for anything outside 127.0.0.1/localhost, loads
a missing resource, logs a console error (a CSP violation is one) or throws a JavaScript error.
"""

import io
from pathlib import Path

from django.core.management import call_command
from django.db import connections

import pytest

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, SKIP_REASON, PageGuard, sync_playwright


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if SKIP_REASON:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture
def browser(django_db_serialized_rollback, transactional_db, monkeypatch):
    """A Chromium per test, started after the database is set up and closed before it is flushed.

    Playwright's sync API runs an asyncio loop on this thread, and Django then hands out other,
    per-context database connections: the test database's own set-up and tear-down (serialized rollback,
    flush) must run outside that window, and the connections opened inside it are closed here.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the test body's ORM calls stay synchronous
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def guard():
    return PageGuard()


@pytest.fixture
def browser_context(browser, guard):
    # French browser, as most readers have: the site answers in French unless they switch.
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    context.route("**/*", guard.route)
    yield context
    context.close()


@pytest.fixture
def page(browser_context, guard):
    page = browser_context.new_page()
    page.on("response", guard.response)
    page.on("console", guard.console)
    page.on("pageerror", lambda error: guard.page_errors.append(str(error)))
    yield page
    problems = {name: found for name, found in guard.problems().items() if found}
    assert not problems, problems


@pytest.fixture
def served_site(django_db_serialized_rollback, transactional_db, site_tree, live_server):
    """The small test network (tests/conftest.py) served by the live server.

    The live server answers from another thread, hence a transactional database; the serialized rollback
    brings back what migrations created (Wagtail's root page and locale, the roles) for the next tests.
    """
    return live_server


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db, live_server):
    """The demo network, loaded by the same command as `make demo` (every app's loader), served live."""
    call_command("kb_demo", stdout=io.StringIO())
    return live_server
