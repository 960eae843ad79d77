"""Wagtail's own search backend (admin page search), fixed for large SQLite sites.

modelsearch 1.3.2's SQLite backend orders by relevance with a correlated subquery (one FTS
scoring per candidate row, so cost grows with the square of the hits: a minute for a common word
over 20,000 pages). This subclass scores once: the FTS query is ordered by its BM25 expression and
sliced, and only that slice of objects is loaded. Other databases keep modelsearch's backend.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as default_backend
from modelsearch.backends.database.sqlite import sqlite as modelsearch_sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankedOnce:
    """Mixin for modelsearch's SQLite query compilers (search and autocomplete)."""

    def ranked(self, config, start, stop, score_field=None):
        """Objects of the queryset matching the query, best first, scored by one FTS query."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return list(self.search(config, start, stop, score_field))
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config))
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        model = self.queryset.model
        entries = (
            modelsearch_sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
            .filter(index_entry__object_id__in=self.queryset.values("pk"))
            .annotate(score=rank)
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", "score")
        )
        ranked = list(entries[start:stop])
        objects = self.queryset.in_bulk([model._meta.pk.to_python(pk) for pk, _ in ranked])
        results = []
        for pk, score in ranked:
            obj = objects.get(model._meta.pk.to_python(pk))
            if obj is not None:
                if score_field:
                    setattr(obj, score_field, score)
                results.append(obj)
        return results


class RankedOnceQueryCompiler(RankedOnce, modelsearch_sqlite.SQLiteSearchQueryCompiler):
    pass


class RankedOnceAutocompleteCompiler(RankedOnce, modelsearch_sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class RankedOnceResults(modelsearch_sqlite.SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        return compiler.ranked(compiler.get_config(self.backend), self.start, self.stop, self._score_field)


class RankedOnceSQLiteBackend(modelsearch_sqlite.SQLiteSearchBackend):
    query_compiler_class = RankedOnceQueryCompiler
    autocomplete_query_compiler_class = RankedOnceAutocompleteCompiler
    results_class = RankedOnceResults


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = default_backend(params)
    if connection.vendor == "sqlite" and isinstance(backend, modelsearch_sqlite.SQLiteSearchBackend):
        return RankedOnceSQLiteBackend(params)
    return backend
