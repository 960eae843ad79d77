"""PostgreSQL engine: a GIN-indexed, weighted tsvector of the same French index terms as SQLite.

The text is analysed in Python (search.text) and stored with the 'simple' configuration, so both
database engines agree on accents, elisions, stop words and stems; ts_rank weighs title (A) above
summary (B), body (C) and comments (D). Created by migration 0005 on PostgreSQL only.
"""

from django.db import connection

from ..text import index_text, words
from .database import DatabaseEngine

TABLE = "kbsearch_pgindex"
WEIGHTS = "{0.03, 0.1, 0.4, 1.0}"  # D, C, B, A
VECTOR = (
    "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', summary), 'B') || "
    "setweight(to_tsvector('simple', body), 'C') || setweight(to_tsvector('simple', comments), 'D')"
)
RANK = f"ts_rank('{WEIGHTS}', vector, query, 1) * 100"


def lexeme(term: str) -> str:
    """A quoted tsquery lexeme: user words never reach the tsquery parser as syntax."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(alternatives) -> str:
    return " | ".join(
        "(" + " <-> ".join(lexeme(term) for term in alternative) + ")" for alternative in alternatives
    )


class PostgresEngine(DatabaseEngine):
    name = "postgresql"

    def _match_ids(self, analysed):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id FROM {TABLE} WHERE vector @@ to_tsquery('simple', %s)",  # noqa: S608
                [tsquery(analysed.alternatives)],
            )
            return [row[0] for row in cursor.fetchall()]

    def _match(self, analysed):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, {RANK} FROM {TABLE}, to_tsquery('simple', %s) AS query "  # noqa: S608
                "WHERE vector @@ query",
                [tsquery(analysed.alternatives)],
            )
            return cursor.fetchall()

    def _prefix_match(self, prefixes, limit):
        query = " & ".join(lexeme(prefix) + ":*" for prefix in prefixes)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id FROM {TABLE}, to_tsquery('simple', %s) AS query "  # noqa: S608
                "WHERE words @@ query ORDER BY ts_rank(words, query) DESC, page_id LIMIT %s",
                [query, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def _write(self, documents):
        columns = zip(
            *(
                (
                    document.page_id,
                    index_text(document.title),
                    index_text(document.summary),
                    index_text(document.body),
                    index_text(document.comments),
                    " ".join(words(document.title)),
                )
                for document in documents
            ),
            strict=True,
        )
        arrays = [list(column) for column in columns]
        if not arrays:
            return
        # One statement per batch: the rows travel as arrays and the vectors are built server-side.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (page_id, vector, words, title_terms, summary_terms, body_terms) "  # noqa: S608
                f"SELECT page_id, {VECTOR}, to_tsvector('simple', words), title, summary, body "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                "AS row (page_id, title, summary, body, comments, words)",
                arrays,
            )

    def _erase(self, page_ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(page_ids)])  # noqa: S608

    def _erase_all(self):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")
