"""The three search engines side by side on the whole corpus, in one run: SQLite FTS5, PostgreSQL and
Elasticsearch (on the OpenSearch 2.19 test node, documents from the SQLite database).

    python bench/engines.py /work/shared/corpus [--skip-load] [--postgres URL]

Loads the corpus into var/bench (SQLite) and into the PostgreSQL database with bench/load.py
(--skip-load: they are loaded already), then measures each engine in a process of its own (each
database needs its Django): full `search_reindex`, the engine's rebuild alone, /api/search/ p50 / p95
over bench/latency.py's queries with the naive FTS5 query timed right after each request on the same
terms (the SQLite database's `kbsearch_fts`, also from the PostgreSQL process), nDCG@10 and
recall@10 on the judged queries. Prints a Markdown table, then the judged queries where the engines
disagree most.
"""

import argparse
import io
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/esbench_bench"
INDEX = "coopkb-bench"
ENGINES = ("sqlite", "postgresql", "elasticsearch")
TITLES = {
    "sqlite": "SQLite FTS5",
    "postgresql": "PostgreSQL",
    "elasticsearch": "Elasticsearch engine",
}
FTS5 = "fts5"  # the connection alias of the naive FTS5 query


def load_average():
    return " ".join(f"{load:.1f}" for load in os.getloadavg())


# The parent: loads, runs one process per engine, prints the table


def engine_environment(engine, postgres_url, node_url=None):
    """Environment of the process measuring `engine` (the parent's, minus what would pick another one)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "KB_ELASTICSEARCH_"))}
    env["KB_SEARCH_ENGINE"] = "elasticsearch" if engine == "elasticsearch" else "database"
    if engine == "postgresql":
        env["DATABASE_URL"] = postgres_url
    if engine == "elasticsearch":
        # 10 s, not 2 s: creating the index on a fresh node under load took longer than 2 s and failed the
        # reindex (the engine creates it with the search timeout); a slow search is measured, not dropped.
        env.update(KB_ELASTICSEARCH_URL=node_url, KB_ELASTICSEARCH_INDEX=INDEX, KB_ELASTICSEARCH_TIMEOUT="10")
    return env


def run_load(corpus, env):
    subprocess.run([sys.executable, str(HERE / "load.py"), str(corpus)], env=env, check=True)  # noqa: S603


def run_engine(engine, env):
    """The JSON figures the process measuring `engine` prints on its last line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", engine]
    result = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_node():
    from tests.opensearch import node as test_node

    # The test node runs the C1 compiler only (quick start, few queries); hundreds of searches are
    # measured here, as a server's JIT would run them.
    options = test_node.JVM_OPTIONS
    test_node.JVM_OPTIONS = tuple(option for option in options if not option.startswith("-XX:TieredStopAt"))
    # OpenSearch's own refresh interval, not the test node's 50 ms: a bulk rebuild as a real cluster does it.
    settings = {"discovery.type": "single-node", "cluster.default.index.refresh_interval": "1s"}
    node = test_node.Node("kb-bench", settings).start()
    node.wait_for_status("green")
    return node


def measure_all(corpus, postgres_url, skip_load):
    sys.path.insert(0, str(ROOT))
    results = {}
    environments = {engine: engine_environment(engine, postgres_url) for engine in ("sqlite", "postgresql")}
    if not skip_load:
        for engine, env in environments.items():
            print(f"loading the corpus for {engine}", file=sys.stderr, flush=True)
            run_load(corpus, env)
    results["sqlite"] = run_engine("sqlite", environments["sqlite"])
    node = start_node()
    try:
        version = node.info()["version"]
        env = engine_environment("elasticsearch", postgres_url, node.url)
        results["elasticsearch"] = run_engine("elasticsearch", env)
        distribution = version.get("distribution", "elasticsearch")
        results["elasticsearch"]["server"] = f"{distribution} {version['number']}"
    finally:
        node.stop()  # before PostgreSQL's turn: the JVM would compete for the two cores
    results["postgresql"] = run_engine("postgresql", environments["postgresql"])
    return results


def ratio(value, floor):
    return f"{value / floor:.2f}x" if floor else "n/a"


def markdown_table(results):
    """The engines' figures as a Markdown table, one column per engine (in ENGINES order)."""
    engines = [engine for engine in ENGINES if engine in results]
    rows = [
        ("search documents", lambda r: f"{r['documents']:,}"),
        ("full `search_reindex` (pages read again)", lambda r: f"{r['reindex_s']:.1f} s"),
        ("engine rebuild alone (`engine.rebuild`)", lambda r: f"{r['rebuild_s']:.1f} s"),
        ("API p50 / p95", lambda r: f"{r['api_p50']:.1f} / {r['api_p95']:.1f} ms"),
        ("naive FTS5 p50 / p95, same process", lambda r: f"{r['fts5_p50']:.1f} / {r['fts5_p95']:.1f} ms"),
        (
            "ratio API / naive FTS5, p50 / p95",
            lambda r: f"{ratio(r['api_p50'], r['fts5_p50'])} / {ratio(r['api_p95'], r['fts5_p95'])}",
        ),
        (
            f"nDCG@10 / recall@10, {len(results[engines[0]]['ndcg'])} judged queries",
            lambda r: f"{mean(r['ndcg']):.3f} / {mean(r['recall']):.3f}",
        ),
        ("load average (1, 5, 15 min) at the end", lambda r: r["load_average"]),
    ]
    titles = [TITLES[e] + (f" ({results[e]['server']})" if "server" in results[e] else "") for e in engines]
    lines = ["| figure | " + " | ".join(titles) + " |", "|---" * (len(engines) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(cell(results[e]) for e in engines) + " |" for label, cell in rows]
    return "\n".join(lines)


def mean(values):
    return sum(values) / len(values)


def disagreements(results, count=8):
    """The judged queries whose nDCG@10 differs most between engines: (query, {engine: nDCG})."""
    engines = [engine for engine in ENGINES if engine in results]
    queries = results[engines[0]]["queries"]
    spread = []
    for index, text in enumerate(queries):
        scores = {engine: results[engine]["ndcg"][index] for engine in engines}
        spread.append((max(scores.values()) - min(scores.values()), text, scores))
    spread.sort(key=lambda item: -item[0])
    return [(text, scores) for gap, text, scores in spread[:count] if gap > 0]


# A child: measures the engine its environment configures


def fts5_connection():
    """The alias of a connection to the SQLite bench database, for the naive FTS5 query."""
    from django.conf import settings
    from django.db import DEFAULT_DB_ALIAS, connections

    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        return DEFAULT_DB_ALIAS
    path = settings.VAR_DIR / "db.sqlite3"  # the SQLite process's database (KB_VAR_DIR)
    assert path.exists(), f"{path}: load the corpus into SQLite first"
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
    # configure_settings fills in Django's defaults (and insists on a "default" entry).
    filled = connections.configure_settings({DEFAULT_DB_ALIAS: sqlite, FTS5: sqlite})
    connections.settings[FTS5] = filled[FTS5]
    return FTS5


def measure(expected):
    from setup_django import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from latency import percentile, query_set, raw_timer, time_searches
    from relevance import judge, judged_queries

    from search.engines import get_database_engine, get_engine
    from search.models import SearchDocument

    if expected == "elasticsearch":
        from tests.search.elasticsearch_server import BRIDGE

        settings.KB_ELASTICSEARCH_CLIENT_OPTIONS = BRIDGE  # the test node is OpenSearch: bench only
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # not a line per request
    engine = get_engine()
    assert engine.name == expected, (engine.name, expected)
    assert not settings.DEBUG

    started = time.perf_counter()
    call_command("search_reindex", verbosity=0, stdout=io.StringIO())
    reindex = time.perf_counter() - started
    documents = SearchDocument.objects.count()
    started = time.perf_counter()
    engine.rebuild(SearchDocument.objects.order_by("pk").iterator(2000))
    rebuild = time.perf_counter() - started

    client = Client()
    floor = raw_timer(get_database_engine().analyse, using=fts5_connection())
    api, raw = time_searches(client, query_set(), {FTS5: floor})
    queries = judged_queries()
    scores = judge(client, queries)
    return {
        "engine": engine.name,
        "documents": documents,
        "reindex_s": reindex,
        "rebuild_s": rebuild,
        "requests": len(api),
        "api_p50": percentile(api, 0.5),
        "api_p95": percentile(api, 0.95),
        "fts5_p50": percentile(raw[FTS5], 0.5),
        "fts5_p95": percentile(raw[FTS5], 0.95),
        "queries": [item["q"] for item in queries],
        "ndcg": [score[0] for score in scores],
        "recall": [score[1] for score in scores],
        "load_average": load_average(),
    }


def main():
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--skip-load", action="store_true", help="the corpus is loaded in both databases")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="DATABASE_URL of the PostgreSQL run")
    parser.add_argument("--measure", choices=ENGINES, help=argparse.SUPPRESS)  # a child process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if not args.skip_load and args.corpus is None:
        parser.error("the corpus folder is needed to load it (or --skip-load)")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = measure_all(args.corpus, args.postgres, args.skip_load)
    print(f"\n{started} to {time.strftime('%H:%M UTC', time.gmtime())}, load average {load_average()}\n")
    print(markdown_table(results))
    print("\nJudged queries where the engines differ most (nDCG@10):")
    for text, scores in disagreements(results):
        print(f"- {text!r}: " + ", ".join(f"{engine} {value:.2f}" for engine, value in scores.items()))


if __name__ == "__main__":
    main()
