"""Wagtail's own search backend (admin page search), fixed for large SQLite sites.

modelsearch 1.3.2's SQLite backend orders by relevance with a correlated subquery (one FTS
scoring per candidate row, so cost grows with the square of the hits: a minute for a common word
over 20,000 pages). This subclass scores once: the FTS query is ordered by its BM25 expression and
sliced, and only that slice of objects is loaded. Other databases keep modelsearch's backend.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as default_backend


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = default_backend(params)
    if connection.vendor != "sqlite":
        return backend
    # Only on SQLite: modelsearch's SQLite module looks up a model that exists only there.
    from .admin_backend_sqlite import RankedOnceSQLiteBackend, modelsearch_sqlite  # noqa: PLC0415

    if isinstance(backend, modelsearch_sqlite.SQLiteSearchBackend):
        return RankedOnceSQLiteBackend(params)
    return backend
