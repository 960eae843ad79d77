from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import pytest

from search import engines, synonyms
from tests import factories
from tests.opensearch.plugin import pytest_configure, pytest_terminal_summary, pytest_unconfigure  # noqa: F401


def pytest_collection_modifyitems(config, items):
    """`-m elasticsearch` selects every test that runs against a server (make test-elasticsearch)."""
    for item in items:
        params = getattr(item, "callspec", None)
        on_engine = params is not None and params.params.get("engine_name") == "elasticsearch"
        if on_engine or "elasticsearch_server" in item.fixturenames:
            item.add_marker(pytest.mark.elasticsearch)


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    # Engines cache document metadata per index version: a rolled-back test may leave the same version
    # number with other documents behind it. The cache holds the engines' circuit breakers.
    synonyms.forget()
    engines._build.cache_clear()
    cache.clear()
    yield
    synonyms.forget()
    engines._build.cache_clear()
    cache.clear()


@pytest.fixture(autouse=True)
def restore_language():
    # A request with the English cookie leaves English active in this thread: give the next tests French back.
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def site_tree(db):
    """A small network: two regions, two cooperatives, two skills, and the fixed sections."""
    tree = factories.build_site()
    web = factories.make_skill("Développement web", "developpement-web")
    infra = factories.make_skill("Infogérance", "infogerance")
    tree["skills"] = {"web": web, "infra": infra}
    network = tree["network"]
    tree["region_ara"] = factories.make_region(network, "Auvergne-Rhône-Alpes", "auvergne-rhone-alpes")
    tree["region_idf"] = factories.make_region(tree["network"], "Île-de-France", "ile-de-france")
    tree["coop_a"] = factories.make_cooperative(
        tree["region_ara"], "Coop Alpha", "coop-alpha", city="Lyon", skills=[web]
    )
    tree["coop_b"] = factories.make_cooperative(
        tree["region_idf"], "Coop Beta", "coop-beta", city="Paris", skills=[infra]
    )
    return tree


@pytest.fixture
def people(site_tree):
    """One user per role: members and editors of each cooperative, a moderator, an outsider."""
    make = factories.make_user
    return {
        "member_a": make("member_a", "member", site_tree["coop_a"]),
        "member_b": make("member_b", "member", site_tree["coop_b"]),
        "editor_a": make("editor_a", "editor", site_tree["coop_a"]),
        "editor_b": make("editor_b", "editor", site_tree["coop_b"]),
        "moderator": make("moderator", "moderator", site_tree["coop_b"]),
        "outsider": make("outsider"),
    }
