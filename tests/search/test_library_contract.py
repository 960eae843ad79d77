"""What search/admin_backend_sqlite.py takes from modelsearch beyond its public API: the version it
was written for and the private names it calls. An upgrade that moves them fails here, by name,
instead of in the admin's search (pyproject.toml pins modelsearch to 1.3)."""

from importlib.metadata import version

from django.db import connection

import pytest

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="loaded on SQLite only")


def test_modelsearch_is_the_version_the_admin_backend_was_written_for():
    assert version("modelsearch").startswith("1.3."), "re-read search/admin_backend_sqlite.py against it"


def test_the_private_names_the_admin_backend_uses_are_there():
    from modelsearch.backends.database.sqlite import query, sqlite

    compiler = sqlite.SQLiteSearchQueryCompiler
    for name in ("_build_rank_expression", "get_search_vectors", "build_search_query", "FTS_TABLE_FIELDS"):
        assert hasattr(compiler, name), name
    assert hasattr(sqlite.SQLiteSearchResults, "_do_search")
    assert hasattr(sqlite, "SQLiteFTSIndexEntry") and callable(query.normalize)
    assert query.MatchExpression.__init__.__code__.co_argcount == 3  # (self, columns, query)
