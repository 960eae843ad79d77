"""Elasticsearch down: searches fall back to the database engine, publishing goes on."""

import logging
import socket
import time

import pytest

from kb.factories import CooperativePageFactory
from search import engines
from search.checks import engine_updates_can_be_retried
from search.engines.base import EngineUnavailable, Reader, SearchQuery
from search.engines.elastic import ElasticsearchEngine
from search.models import SearchDocument

pytestmark = pytest.mark.django_db  # the curated synonyms are read from the database


def unused_port():
    """A loopback port nothing listens on (bound then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def elasticsearch_down(settings):
    settings.KB_SEARCH_ENGINE = "elasticsearch"
    settings.KB_ELASTICSEARCH_URL = f"http://127.0.0.1:{unused_port()}"
    settings.KB_ELASTICSEARCH_TIMEOUT = 0.5
    engines._build.cache_clear()
    yield
    engines._build.cache_clear()


def test_unreachable_server_is_reported_quickly(elasticsearch_down):
    engine = ElasticsearchEngine()
    started = time.perf_counter()
    with pytest.raises(EngineUnavailable):
        engine.search(SearchQuery(text="coop"))
    with pytest.raises(EngineUnavailable):
        engine.suggest("coo", Reader.anonymous())
    with pytest.raises(EngineUnavailable):
        engine.index_documents([SearchDocument(page_id=1, kind="tool", title="x", url="/x/")])
    assert time.perf_counter() - started < 3


def test_search_falls_back_to_the_database_with_a_notice(site_tree, index_now, elasticsearch_down):
    with index_now():
        CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Gamma", slug="coop-gamma")
    results = engines.run_search(SearchQuery(text="gamma"))
    assert results.engine != "elasticsearch"
    assert results.notice
    assert [hit.title for hit in results.hits] == ["Coop Gamma"]


def test_publishing_goes_on_when_elasticsearch_is_down(site_tree, index_now, elasticsearch_down, caplog):
    with caplog.at_level(logging.WARNING, logger="search.engines.elastic"), index_now():
        page = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Delta", slug="coop-delta")
    assert page.live
    # The database keeps the document (the fallback finds it); the failure is logged, not raised.
    assert SearchDocument.objects.filter(page=page, title="Coop Delta").exists()
    assert "Elasticsearch indexing failed" in caplog.text


def test_pages_and_api_answer_from_the_database_when_elasticsearch_is_down(
    site_tree, index_now, elasticsearch_down, client
):
    with index_now():
        CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Epsilon", slug="coop-epsilon")
    page = client.get("/recherche/", {"q": "epsilon"})
    assert page.status_code == 200
    assert "Coop Epsilon" in page.text
    assert "search-notice" in page.text
    api = client.get("/api/search/", {"q": "epsilon"}).json()
    assert [result["title"] for result in api["results"]] == ["Coop Epsilon"]
    assert api["notice"]
    suggestions = client.get("/api/search/suggest/", {"q": "epsi"}).json()["suggestions"]
    assert [suggestion["title"] for suggestion in suggestions] == ["Coop Epsilon"]


def test_check_warns_when_refused_updates_could_not_be_retried(settings):
    settings.KB_SEARCH_ENGINE = "elasticsearch"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert [warning.id for warning in engine_updates_can_be_retried()] == ["kbsearch.W001"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert engine_updates_can_be_retried() == []
