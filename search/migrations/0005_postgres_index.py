"""The full-text table of the PostgreSQL engine (nothing on other databases).

Lexemes come from search.text (the same French analysis as the SQLite engine: accents folded,
elisions and stop words dropped, Snowball stems), stored with the 'simple' configuration so
PostgreSQL does not stem them again; weights A-D are title, summary, body, comments.
"""

from django.db import migrations

CREATE = [
    """
    CREATE TABLE IF NOT EXISTS kbsearch_pgindex (
        page_id bigint PRIMARY KEY,
        vector tsvector NOT NULL,
        words tsvector NOT NULL,
        title_terms text NOT NULL,
        summary_terms text NOT NULL,
        body_terms text NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS kbsearch_pgindex_vector ON kbsearch_pgindex USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS kbsearch_pgindex_words ON kbsearch_pgindex USING gin (words)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS kbsearch_pgindex")


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0004_seed_synonyms")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
