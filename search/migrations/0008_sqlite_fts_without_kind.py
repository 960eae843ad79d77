"""Drop the FTS5 `kind` column again (SQLite only): ranking now reads every match's relevance in one
query, so it no longer asks for the boosted kinds apart."""

from django.db import migrations

COLUMNS = "title, summary, body, comments, words"
OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"


def _rebuild(schema_editor, columns, select):
    schema_editor.execute(f"CREATE VIRTUAL TABLE kbsearch_fts_new USING fts5({columns}, {OPTIONS})")
    schema_editor.execute(f"INSERT INTO kbsearch_fts_new (rowid, {columns}) {select}")
    schema_editor.execute("DROP TABLE kbsearch_fts")
    schema_editor.execute("ALTER TABLE kbsearch_fts_new RENAME TO kbsearch_fts")


def drop_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _rebuild(schema_editor, COLUMNS, f"SELECT rowid, {COLUMNS} FROM kbsearch_fts")


def restore_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _rebuild(
            schema_editor,
            f"{COLUMNS}, kind",
            "SELECT f.rowid, f.title, f.summary, f.body, f.comments, f.words, d.kind FROM kbsearch_fts f "
            "JOIN kbsearch_searchdocument d ON d.page_id = f.rowid",
        )


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0007_searchdocument_revision")]
    operations = [migrations.RunPython(drop_kind, restore_kind, elidable=False)]
