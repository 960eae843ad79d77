"""Does the PostgreSQL engine's match statement still need `enable_seqscan = off`?

python bench/pg_plans.py   (DATABASE_URL=postgres://…/kb_…bench…, after bench/load.py)

For each of bench/latency.py's queries, EXPLAIN ANALYZE (best of 5, TIMING OFF) of the statement
inside the `kbsearch_match` function (migration 0014) that `PostgresEngine._match` calls, once with
the planner's own choice and once with sequential scans off, as the function sets them; prints the
sums and every query whose plan differs. Also prints the GIN index's pending list
(pgstattuple), which weighs on the index's estimated and real cost until a vacuum merges it.
"""

from django.db import connection, transaction

from latency import query_set
from setup_django import setup

EXECUTIONS = 5


def best_execution(sql, parameters, seqscan: str) -> tuple[float, str]:
    """(best execution ms, top plan node) of the statement with enable_seqscan `seqscan`."""
    times, node = [], ""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL enable_seqscan = {seqscan}")
        for _ in range(EXECUTIONS):
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + sql, parameters)
            lines = [row[0] for row in cursor.fetchall()]
            node = lines[0].split("(")[0].strip()
            times.append(float(lines[-1].split()[2]))  # "Execution Time: 1.234 ms"
        transaction.set_rollback(True)
    return min(times), node


def pending_list():
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute("SELECT pending_pages, pending_tuples FROM pgstatginindex('kbsearch_pgindex_vector')")
        return cursor.fetchone()


def main():
    setup()
    from search.engines.postgres import WEIGHTS, PostgresEngine, query_sql

    engine = PostgresEngine()
    pages, tuples = pending_list()
    print(f"GIN pending list of kbsearch_pgindex_vector: {pages} pages, {tuples} tuples")
    totals, differing, measured = {"on": 0.0, "off": 0.0}, [], 0
    for text in query_set():
        analysed = engine.analyse(text)
        if not analysed.alternatives:
            continue
        source, texts = query_sql(analysed)
        # The function's body, its parameters in place (EXPLAIN does not show a function's plan).
        sql = (
            "SELECT page_id, ts_rank(%s::real[], vector, query, 0) "  # noqa: S608
            f"FROM kbsearch_pgindex, {source} WHERE vector @@ query"
        )
        parameters = [WEIGHTS, *texts]
        chosen, chosen_node = best_execution(sql, parameters, "on")
        forced, forced_node = best_execution(sql, parameters, "off")
        totals["on"] += chosen
        totals["off"] += forced
        measured += 1
        if chosen_node != forced_node:
            differing.append((text, chosen_node, chosen, forced))
    print(
        f"{measured} statements, sum of best executions: planner's choice {totals['on']:.1f} ms, "
        f"enable_seqscan off {totals['off']:.1f} ms"
    )
    print(f"{len(differing)} where the planner chose another plan than the GIN index:")
    for text, node, chosen, forced in differing:
        print(f"  {text[:50]!r}: {node} {chosen:.2f} ms, index {forced:.2f} ms ({chosen / forced:.1f}x)")


if __name__ == "__main__":
    main()
