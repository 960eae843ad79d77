"""Engine selection: settings.KB_SEARCH_ENGINE = "database" (default) or "elasticsearch"."""

from functools import cache

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from .base import EngineUnavailable, Reader, SearchEngine, SearchQuery, SearchResults, Suggestion
from .breaker import CircuitBreaker

DATABASE_ENGINES = {
    "sqlite": "search.engines.sqlite.SQLiteEngine",
    "postgresql": "search.engines.postgres.PostgresEngine",
}
ELASTICSEARCH_ENGINE = "search.engines.elastic.ElasticsearchEngine"


@cache
def _build(path: str, **options) -> SearchEngine:
    return import_string(path)(**options)


def get_database_engine() -> SearchEngine:
    """The engine built into the database in use (SQLite FTS5 or PostgreSQL full text)."""
    return _build(DATABASE_ENGINES[connection.vendor])


def get_engine() -> SearchEngine:
    if getattr(settings, "KB_SEARCH_ENGINE", "database") == "elasticsearch":
        return _build(ELASTICSEARCH_ENGINE, url=settings.KB_ELASTICSEARCH_URL)
    return get_database_engine()


def indexing_engines() -> list[SearchEngine]:
    """Engines to keep in sync: the database one always (it answers when Elasticsearch is down),
    plus the configured engine when it is another one."""
    return [get_database_engine(), *external_engines()]


def external_engines() -> list[SearchEngine]:
    """The configured engine when it is not the database's own (it is reached over the network)."""
    database, engine = get_database_engine(), get_engine()
    return [] if engine is database else [engine]


def _answer(ask):
    """`ask(engine)` of the configured engine unless its breaker is open; when it is down, of the
    database engine. Returns (answer, whether it came from the fallback)."""
    engine = get_engine()
    if engine is get_database_engine():
        return ask(engine), False
    breaker = CircuitBreaker(engine.name)
    if breaker.allows():
        try:
            answer = ask(engine)
        except EngineUnavailable:
            breaker.failed()
        else:
            breaker.succeeded()
            return answer, False
    return ask(get_database_engine()), True


def run_search(query: SearchQuery) -> SearchResults:
    """Search with the configured engine; if it is down, answer from the database engine."""
    results, fell_back = _answer(lambda engine: engine.search(query))
    if fell_back:
        results.notice = gettext("Le moteur de recherche principal est indisponible : résultats de secours.")
    return results


def run_suggest(prefix: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
    """Autocomplete with the configured engine, or the database engine when it is down."""
    suggestions, _fell_back = _answer(lambda engine: engine.suggest(prefix, reader, limit))
    return suggestions
