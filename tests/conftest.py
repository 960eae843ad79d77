from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import pytest

from kb.factories import CooperativePageFactory, RegionPageFactory, SkillFactory, UserFactory
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
    web = SkillFactory(name="Développement web", slug="developpement-web")
    infra = SkillFactory(name="Infogérance", slug="infogerance")
    tree["skills"] = {"web": web, "infra": infra}
    network = tree["network"]
    tree["region_ara"] = RegionPageFactory(
        parent=network, title="Auvergne-Rhône-Alpes", slug="auvergne-rhone-alpes"
    )
    tree["region_idf"] = RegionPageFactory(
        parent=tree["network"], title="Île-de-France", slug="ile-de-france"
    )
    tree["coop_a"] = CooperativePageFactory(
        parent=tree["region_ara"], title="Coop Alpha", slug="coop-alpha", city="Lyon", skills=[web]
    )
    tree["coop_b"] = CooperativePageFactory(
        parent=tree["region_idf"], title="Coop Beta", slug="coop-beta", city="Paris", skills=[infra]
    )
    return tree


@pytest.fixture
def people(site_tree):
    """One user per role: members and editors of each cooperative, a moderator, an outsider."""
    roles = {
        "member_a": ("member", site_tree["coop_a"]),
        "member_b": ("member", site_tree["coop_b"]),
        "editor_a": ("editor", site_tree["coop_a"]),
        "editor_b": ("editor", site_tree["coop_b"]),
        "moderator": ("moderator", site_tree["coop_b"]),
        "outsider": (None, None),  # no profile
    }
    return {
        username: UserFactory(
            username=username, role=role, cooperative=cooperative, password=factories.PASSWORD
        )
        for username, (role, cooperative) in roles.items()
    }
