"""When the configured engine is down, readers get database results and a notice, not an error."""

from search import engines
from search.engines.base import EngineUnavailable, Reader, SearchQuery


class DownEngine:
    name = "down"

    def search(self, query):
        raise EngineUnavailable("connection refused")

    def suggest(self, prefix, reader, limit=8):
        raise EngineUnavailable("connection refused")


def test_search_and_suggest_fall_back_to_the_database(site_tree, monkeypatch, client):
    from django.core.management import call_command

    call_command("search_reindex", verbosity=0)
    monkeypatch.setattr(engines, "get_engine", DownEngine)
    results = engines.run_search(SearchQuery(text="alpha"))
    assert [hit.title for hit in results.hits] == ["Coop Alpha"]
    assert "indisponible" in results.notice
    assert [s.title for s in engines.run_suggest("alph", Reader.anonymous())] == ["Coop Alpha"]
    data = client.get("/api/search/", {"q": "alpha"}).json()
    assert data["count"] == 1
    assert "indisponible" in data["notice"]
