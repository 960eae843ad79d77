"""A `kind` column in the FTS5 table, so ranking can ask for the best boosted kinds (procedures,
checklists…) in one indexed query instead of scoring every match (SQLite only)."""

from django.db import migrations

COLUMNS = "title, summary, body, comments, words"
OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"


def _rebuild(schema_editor, columns, select):
    schema_editor.execute(f"CREATE VIRTUAL TABLE kbsearch_fts_new USING fts5({columns}, {OPTIONS})")
    schema_editor.execute(f"INSERT INTO kbsearch_fts_new (rowid, {columns}) {select}")
    schema_editor.execute("DROP TABLE kbsearch_fts")
    schema_editor.execute("ALTER TABLE kbsearch_fts_new RENAME TO kbsearch_fts")


def add_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _rebuild(
            schema_editor,
            f"{COLUMNS}, kind",
            "SELECT f.rowid, f.title, f.summary, f.body, f.comments, f.words, d.kind FROM kbsearch_fts f "
            "JOIN kbsearch_searchdocument d ON d.page_id = f.rowid",
        )


def remove_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _rebuild(schema_editor, COLUMNS, f"SELECT rowid, {COLUMNS} FROM kbsearch_fts")


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0005_postgres_index")]
    operations = [migrations.RunPython(add_kind, remove_kind, elidable=False)]
