"""SQLite engine: an FTS5 table of French index terms (stems, no accents) beside SearchDocument.

Columns title, summary, body, comments hold the terms of search.text (the same analysis as the
query); `words` holds the title's folded, unstemmed words for prefix autocomplete. Created by
migration 0003 on SQLite only (0006 added a `kind` column that 0008 removed).
"""

from django.db import connection

from ..text import index_text, words
from .database import Analysed, DatabaseEngine

TABLE = "kbsearch_fts"
# bm25 column weights: title > summary > body > comments (words: autocomplete only).
WEIGHTS = (10.0, 4.0, 1.0, 0.3, 0.0)
BM25 = f"bm25({TABLE}, {', '.join(str(weight) for weight in WEIGHTS)})"
TEXT_COLUMNS = "{title summary body comments}"


def quote(term: str) -> str:
    """An FTS5 string: user words never reach the MATCH parser as syntax."""
    return '"' + term.replace('"', '""') + '"'


def match_expression(analysed: Analysed) -> str:
    alternatives = " OR ".join(quote(" ".join(alternative)) for alternative in analysed.alternatives)
    return f"{TEXT_COLUMNS} : ({alternatives})"


class SQLiteEngine(DatabaseEngine):
    name = "sqlite"

    def _match_ids(self, analysed):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",  # noqa: S608
                [match_expression(analysed)],
            )
            return [row[0] for row in cursor.fetchall()]

    def _match(self, analysed):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -{BM25} FROM {TABLE} WHERE {TABLE} MATCH %s",  # noqa: S608
                [match_expression(analysed)],
            )
            return cursor.fetchall()

    def _prefix_match(self, prefixes, limit):
        expression = "words : (" + " AND ".join(quote(prefix) + "*" for prefix in prefixes) + ")"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rank LIMIT %s",  # noqa: S608
                [expression, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def _write(self, documents):
        rows = [
            (
                document.page_id,
                index_text(document.title),
                index_text(document.summary),
                index_text(document.body),
                index_text(document.comments),
                " ".join(words(document.title)),
            )
            for document in documents
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, summary, body, comments, words) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s, %s)",
                rows,
            )

    def _erase(self, page_ids):
        page_ids = list(page_ids)
        with connection.cursor() as cursor:
            for start in range(0, len(page_ids), 500):
                batch = page_ids[start : start + 500]
                placeholders = ", ".join(["%s"] * len(batch))
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", batch)  # noqa: S608

    def _compact(self):
        # Bulk inserts leave many index segments; merging them into one speeds up every query.
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")  # noqa: S608

    def _erase_all(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
