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
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)


def lexeme(term: str) -> str:
    """A quoted tsquery lexeme: user words never reach the tsquery parser as syntax."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(alternatives) -> str:
    return " | ".join(
        "(" + " <-> ".join(lexeme(term) for term in alternative) + ")" for alternative in alternatives
    )


class PostgresEngine(DatabaseEngine):
    name = "postgresql"

    def _match(self, analysed):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, ts_rank(%s, vector, query, 1) * 100 "  # noqa: S608
                f"FROM {TABLE}, to_tsquery('simple', %s) AS query WHERE vector @@ query",
                [WEIGHTS, tsquery(analysed.alternatives)],
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

    def _term_texts(self, page_ids):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, title_terms, summary_terms, body_terms FROM {TABLE} "  # noqa: S608
                "WHERE page_id = ANY(%s)",
                [list(page_ids)],
            )
            return {row[0]: row[1:] for row in cursor.fetchall()}

    def _write(self, documents):
        rows = []
        for document in documents:
            title, summary, body = (
                index_text(document.title),
                index_text(document.summary),
                index_text(document.body),
            )
            comments = index_text(document.comments)
            rows.append(
                (
                    document.page_id,
                    title,
                    summary,
                    body,
                    comments,
                    " ".join(words(document.title)),
                    title,
                    summary,
                    body,
                )
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (page_id, vector, words, title_terms, summary_terms, body_terms) "  # noqa: S608
                f"VALUES (%s, {VECTOR}, to_tsvector('simple', %s), %s, %s, %s)",
                rows,
            )

    def _erase(self, page_ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(page_ids)])  # noqa: S608

    def _erase_all(self):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")
