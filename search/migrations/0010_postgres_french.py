"""PostgreSQL's own French analysis for the PostgreSQL engine (nothing on other databases).

`kb_french` is a copy of the `french` configuration whose words go through three dictionaries:
`kb_french_stop` (PostgreSQL's French stop list, checked while the accents are still there, since
the list spells « été », « à », « même » with them), `unaccent`, then `french_stem`. The index
vector is rebuilt from the documents' original text with it (title A, summary B, body C,
comments D). The Python index terms 0005 kept for re-ranking go (re-ranking now counts concepts
through the index). `pg_trgm` and a trigram index on the vocabulary serve typo correction.
"""

from django.db import migrations

CONFIG = "kb_french"
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH DICTIONARY kb_french_stop (TEMPLATE = simple, STOPWORDS = french, ACCEPT = false)",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french)",
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {WORD_TOKENS} "
    "WITH kb_french_stop, unaccent, french_stem",
    f"""
    UPDATE kbsearch_pgindex i SET vector =
        setweight(to_tsvector('{CONFIG}', d.title), 'A') || setweight(to_tsvector('{CONFIG}', d.summary), 'B')
        || setweight(to_tsvector('{CONFIG}', d.body), 'C') || setweight(to_tsvector('{CONFIG}', d.comments), 'D')
    FROM kbsearch_searchdocument d WHERE d.page_id = i.page_id
    """,
    "ALTER TABLE kbsearch_pgindex DROP COLUMN title_terms, DROP COLUMN summary_terms, DROP COLUMN body_terms",
    "CREATE INDEX kbsearch_searchterm_word_trgm ON kbsearch_searchterm USING gin (word gin_trgm_ops)",
]

# Back to 0005's table shape; its vector of Python index terms comes back with the next
# `manage.py search_reindex`. The extensions stay (other code may use them).
BACKWARD = [
    "DROP INDEX IF EXISTS kbsearch_searchterm_word_trgm",
    "ALTER TABLE kbsearch_pgindex ADD COLUMN title_terms text NOT NULL DEFAULT '', "
    "ADD COLUMN summary_terms text NOT NULL DEFAULT '', ADD COLUMN body_terms text NOT NULL DEFAULT ''",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS kb_french_stop",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0009_more_synonyms")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
