"""The PostgreSQL engine's match as two SQL functions that carry `enable_seqscan = off` (nothing on
other databases).

The planner costs `@@` as one cheap operator and scans the table for common words and most
multi-word queries, slower than the GIN index (bench/pg_plans.py). A function's SET clause holds for
its own statement and is undone when it returns, whatever the caller's transaction, in one round
trip: scoping the setting around an ORM statement took a transaction and two more statements
(BENCHMARKS.md, issue 12, eighth pass). The documents' vectors are unchanged.
"""

from django.db import migrations

FORWARD = [
    # Every document that matches the query, with its weighted ts_rank (weights D, C, B, A; no length
    # normalisation: the engine's Python constants pass them, so they are set in one place).
    """
    CREATE FUNCTION kbsearch_match(query tsquery, weights real[])
    RETURNS TABLE (page_id bigint, rank real)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET enable_seqscan = off
    AS $$ SELECT page_id, ts_rank(weights, vector, query, 0) FROM kbsearch_pgindex WHERE vector @@ query $$
    """,
    # The same documents without the rank, for searches sorted by date and the readers' typo probes.
    """
    CREATE FUNCTION kbsearch_match_ids(query tsquery)
    RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET enable_seqscan = off
    AS $$ SELECT page_id FROM kbsearch_pgindex WHERE vector @@ query $$
    """,
]

BACKWARD = [
    "DROP FUNCTION IF EXISTS kbsearch_match(tsquery, real[])",
    "DROP FUNCTION IF EXISTS kbsearch_match_ids(tsquery)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0013_postgres_index_model")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
