"""Publishing and searching while the Elasticsearch engine is refused, hanging, and back.

    python bench/load.py /work/shared/corpus      # once: the corpus in var/bench
    python bench/engine_outage.py [--publishes 20] [--searches 40]

Needs Java 17 and Maven (the OpenSearch 2.19 test node of tests/opensearch/) and Redis on
127.0.0.1:6379 (REDIS_URL; `make services`): the web side (this process) and a real task worker
(`manage.py db_worker`, a subprocess) share the circuit breaker through it, as in production.
The engine is reached through tests/search/faulty_server.py, switched between "up", "refused"
(nothing listens) and "hanging" (connections accepted, never answered), with the production
timeout (KB_ELASTICSEARCH_TIMEOUT = 2 s, one retry) and breaker pause (30 s).

For each state: the time of a publish (save a revision, publish, commit: what an editor waits
for), the /api/search/ times after the first failure against the normal (engine up) ones, and at
the end how long the index takes to catch up once the engine is back, and how many updates were
lost (pages whose document in the engine differs from the page: must be 0).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.outage_settings"
os.environ.setdefault("KB_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ["KB_SEARCH_ENGINE"] = "elasticsearch"
os.environ["KB_ELASTICSEARCH_INDEX"] = "coopkb-outage"

from setup_django import setup  # noqa: E402

WORDS = [
    "sauvegarde",
    "serveur",
    "messagerie",
    "tableur",
    "supervision",
    "gestion de projet",
    "wiki",
    "pare-feu",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values):
    return {"p50": statistics.median(values), "p95": percentile(values, 0.95), "max": max(values)}


def publish_each(pages, label):
    """Publish a new title for each page; the time an editor waits, in ms."""
    from django.db import transaction

    timings = []
    for page in pages:
        page.title = f"{page.title.split(' · ')[0]} · {label}"
        started = time.perf_counter()
        with transaction.atomic():
            page.save_revision().publish()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def search_times(client, count):
    """/api/search/ times in ms; the first one apart (it may pay the engine's timeout)."""
    timings, notices = [], 0
    for n in range(count):
        started = time.perf_counter()
        response = client.get("/api/search/", {"q": WORDS[n % len(WORDS)]})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        notices += bool(response.json().get("notice"))
    return timings, notices


def queue_empty():
    from django_tasks_db.models import DBTaskResult

    return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


def lost_updates(engine, pages):
    """Pages whose document in the engine does not carry the page's current title."""
    from search.models import SearchDocument

    engine.client.indices.refresh(index=engine.alias)
    lost = []
    for page in pages:
        row = SearchDocument.objects.filter(page_id=page.pk).first()
        found = engine.client.get(index=engine.alias, id=page.pk, ignore=404).body
        if row is None or row.title != page.title or found.get("_source", {}).get("title") != page.title:
            lost.append(page.pk)
    return lost


def start_worker(env):
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--searches", type=int, default=40)
    args = parser.parse_args()

    from tests.opensearch.node import Node
    from tests.search.faulty_server import FaultyServer

    node = Node("kb-outage", {"discovery.type": "single-node"}).start()
    front = FaultyServer(target=("127.0.0.1", int(node.url.rsplit(":", 1)[1].rstrip("/")))).start()
    os.environ["KB_ELASTICSEARCH_URL"] = front.url
    worker = None
    try:
        node.wait_for_status("green")
        setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client

        from django_tasks_db.models import DBTaskResult

        from search.engines import get_engine
        from search.models import SearchDocument
        from tooling.models import ToolPage

        cache.clear()
        DBTaskResult.objects.all().delete()
        documents = SearchDocument.objects.count()
        started = time.perf_counter()
        call_command("search_reindex", engine_only=True, verbosity=0)
        version = node.info()["version"]
        print(
            f"{documents} documents sent to {version['distribution']} {version['number']} "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        engine = get_engine()
        client = Client()
        search_times(client, len(WORDS))  # warm-up: caches, connections
        pages = list(ToolPage.objects.live().order_by("pk")[: args.publishes])
        worker = start_worker(dict(os.environ))

        rows, touched = [], set()
        normal, _ = search_times(client, args.searches)
        for state in ("up", "refused", "hanging", "back"):
            front.switch("up" if state == "back" else state)
            if state == "back":
                back_at = time.perf_counter()
            cache.clear()  # each state starts with a closed breaker: its first search meets the fault
            searches, notices = search_times(client, args.searches)
            publishes = publish_each(pages, state)
            touched.update(page.pk for page in pages)
            rows.append((state, summary(publishes), searches[0], summary(searches[1:]), notices))
        # Back: the worker drains the queue (deferred tries wait for the breaker's pause).
        while not queue_empty():
            time.sleep(0.5)
        caught_up = time.perf_counter() - back_at
        lost = lost_updates(engine, ToolPage.objects.filter(pk__in=touched))
        failed = DBTaskResult.objects.filter(status="FAILED").count()
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(30)
        front.stop()
        node.stop()

    base = statistics.median(normal)
    print(f"\nnormal /api/search/ p50 (engine up): {base:.1f} ms over {len(normal)} searches")
    print(
        "| engine | publish p50 / p95 / max (ms) | first search (ms) | next searches p50 / p95 (ms) "
        "| p50 vs normal | answers with the notice |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for state, publish, first, rest, notices in rows:
        print(
            f"| {state} | {publish['p50']:.1f} / {publish['p95']:.1f} / {publish['max']:.1f} | {first:.0f} "
            f"| {rest['p50']:.1f} / {rest['p95']:.1f} | {rest['p50'] / base:.2f}x "
            f"| {notices}/{args.searches} |"
        )
    print(
        f"\ncatch-up: queue empty {caught_up:.1f} s after the engine came back; "
        f"{len(touched)} pages published {4 * args.publishes} times; failed tasks {failed}; "
        f"lost updates {len(lost)}"
    )
    print(f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    if lost:
        sys.exit(f"lost updates: {lost}")


if __name__ == "__main__":
    main()
