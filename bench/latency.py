"""Search API latency against the raw full-text query, plus single-publish index time.

python bench/latency.py [--floor /work/shared/corpus] [--opensearch]   (after bench/load.py;
DATABASE_URL picks SQLite or PostgreSQL; KB_SEMANTIC_SEARCH=1 for the semantic side; --opensearch
times the Elasticsearch engine on the OpenSearch test node, filled as bench/relevance.py does, and
leaves out the publish, which reaches it through the task queue)

`--floor` also times the naive floor in the same run: one FTS5 table over the corpus records, the
query's words OR-ed, ORDER BY bm25 LIMIT 10 (bench/relevance.py builds it in memory).
"""

import argparse
import contextlib
import json
import statistics
import time
from collections import Counter
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS

from api import api_search, checked
from setup_django import setup

HERE = Path(__file__).resolve().parent
ROUNDS = 3


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def query_set():
    """The corpus's 25 most common words, both judged sets, and a few odd inputs."""
    from search.models import SearchTerm

    common = list(SearchTerm.objects.order_by("-documents").values_list("word", flat=True)[:25])
    judged = [
        item["q"]
        for name in ("queries.json", "needs.json")
        for item in json.loads((HERE / "relevance" / name).read_text())
    ]
    return common + judged + ['"rsync', "l'outil de sauvegarde", "x" * 300]


def raw_sql(vendor):
    """The raw full-text query of the engine's terms: analysed -> (sql, parameters)."""
    if vendor == "sqlite":
        sql = (
            "SELECT rowid FROM kbsearch_fts WHERE kbsearch_fts MATCH %s ORDER BY bm25(kbsearch_fts) LIMIT 10"
        )
        return lambda analysed: (sql, [" OR ".join('"' + " ".join(a) + '"' for a in analysed.alternatives)])
    from search.engines.postgres import query_sql

    def postgres(analysed):
        source, parameters = query_sql(analysed)
        return (
            f"SELECT page_id FROM kbsearch_pgindex, {source} WHERE vector @@ query "  # noqa: S608
            "ORDER BY ts_rank(vector, query) DESC LIMIT 10",
            parameters,
        )

    return postgres


def raw_timer(analyse, using=DEFAULT_DB_ALIAS):
    """text -> milliseconds of the raw full-text query of its terms on database `using`
    (None when the analysis leaves no term to look for)."""
    from django.db import connections

    connection = connections[using]
    raw_query = raw_sql(connection.vendor)

    def timed(text):
        analysed = analyse(text)
        if not analysed.alternatives:
            return None
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(*raw_query(analysed))
            cursor.fetchall()
        return (time.perf_counter() - started) * 1000

    return timed


def timed_call(function):
    """text -> milliseconds of function(text)."""

    def timed(text):
        started = time.perf_counter()
        function(text)
        return (time.perf_counter() - started) * 1000

    return timed


def time_searches(client, queries, raw_timers, rounds=ROUNDS):
    """/api/search/ milliseconds over `rounds` rounds of `queries`, after one warm-up round, and each
    raw query's (name -> timer) timed right after the API on the same text: [ms], {name: [ms]}."""
    for text in queries:  # warm caches (document metadata, stems) as a running server would have
        api_search(client, text)
    api, raw = [], {name: [] for name in raw_timers}
    for _ in range(rounds):
        for text in queries:
            started = time.perf_counter()
            response = client.get("/api/search/", {"q": text})
            api.append((time.perf_counter() - started) * 1000)
            checked(response, text)
            for name, timer in raw_timers.items():
                if (milliseconds := timer(text)) is not None:
                    raw[name].append(milliseconds)
    return api, raw


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--floor", type=Path, metavar="CORPUS", help="also time the naive FTS5 floor")
    parser.add_argument("--opensearch", action="store_true", help="time the Elasticsearch engine")
    args = parser.parse_args()
    from relevance import floor_ranker, opensearch_engine

    with opensearch_engine() if args.opensearch else contextlib.nullcontext():
        if not args.opensearch:
            setup()
        from django.test import Client

        from search.engines import get_database_engine, get_engine

        client, engine = Client(), get_engine()
        queries = query_set()
        timers = {"raw": raw_timer(get_database_engine().analyse)}
        if args.floor:
            timers["floor"] = timed_call(floor_ranker(args.floor))
        api, raw = time_searches(client, queries, timers)
    raw, floor = raw["raw"], raw.get("floor", [])
    report(engine.name, queries, api, raw, floor)
    if not args.opensearch:
        time_publishes(client, queries)


def report(name, queries, api, raw, floor):
    from search.models import SearchDocument

    api_p50, api_p95 = percentile(api, 0.5), percentile(api, 0.95)
    raw_p50, raw_p95 = percentile(raw, 0.5), percentile(raw, 0.95)
    documents = SearchDocument.objects.count()
    print(f"engine {name}, {documents} documents, {len(queries)} queries x {ROUNDS}")
    print(f"API    p50 {api_p50:.1f} ms  p95 {api_p95:.1f} ms  max {max(api):.1f} ms")
    print(f"raw    p50 {raw_p50:.1f} ms  p95 {raw_p95:.1f} ms")
    print(f"ratio  p50 {api_p50 / raw_p50:.2f}x  p95 {api_p95 / raw_p95:.2f}x")
    if floor:
        floor_p50, floor_p95 = percentile(floor, 0.5), percentile(floor, 0.95)
        print(f"floor  p50 {floor_p50:.1f} ms  p95 {floor_p95:.1f} ms (naive FTS5 over the corpus records)")
        print(f"API / floor  p50 {api_p50 / floor_p50:.2f}x  p95 {api_p95 / floor_p95:.2f}x")
    slow = Counter()
    for index, value in enumerate(api):
        slow[queries[index % len(queries)]] = max(slow[queries[index % len(queries)]], value)
    print("slowest:", ", ".join(f"{q[:20]!r} {v:.0f} ms" for q, v in slow.most_common(5)))


def time_publishes(client, queries):
    from search.documents import save_documents
    from search.models import SearchDocument

    publish, after_publish = [], []
    for index, document in enumerate(SearchDocument.objects.order_by("?")[:20]):
        document.body += " Mise à jour du banc d'essai."
        started = time.perf_counter()
        save_documents([document])
        publish.append((time.perf_counter() - started) * 1000)
        # The next search sees the index version move and refreshes its cached metadata.
        started = time.perf_counter()
        client.get("/api/search/", {"q": queries[index % len(queries)]})
        after_publish.append((time.perf_counter() - started) * 1000)
    median = statistics.median(publish)
    print(f"single publish index update: median {median:.1f} ms, max {max(publish):.1f} ms")
    after = statistics.median(after_publish)
    print(f"first search after a publish: median {after:.1f} ms, max {max(after_publish):.1f} ms")


if __name__ == "__main__":
    main()
