"""The FTS5 table of the SQLite engine (nothing on other databases)."""

from django.db import migrations

CREATE = """
CREATE VIRTUAL TABLE IF NOT EXISTS kbsearch_fts USING fts5(
    title, summary, body, comments, words,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
)
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS kbsearch_fts")


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0002_synonyms_logs_terms")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
