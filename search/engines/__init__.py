"""Engine selection: settings.KB_SEARCH_ENGINE = "database" (default) or "elasticsearch"."""

from functools import cache

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from .base import EngineUnavailable, Reader, SearchEngine, SearchQuery, SearchResults, Suggestion

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
    database, engine = get_database_engine(), get_engine()
    return [database] if engine is database else [database, engine]


def run_search(query: SearchQuery) -> SearchResults:
    """Search with the configured engine; if it is down, answer from the database engine."""
    engine = get_engine()
    try:
        return engine.search(query)
    except EngineUnavailable:
        fallback = get_database_engine()
        if fallback is engine:
            raise
        results = fallback.search(query)
        results.notice = gettext("Le moteur de recherche principal est indisponible : résultats de secours.")
        return results


def run_suggest(prefix: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
    """Autocomplete with the configured engine; if it is down, from the database engine."""
    try:
        return get_engine().suggest(prefix, reader, limit)
    except EngineUnavailable:
        return get_database_engine().suggest(prefix, reader, limit)
