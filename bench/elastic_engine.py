"""The Elasticsearch engine on the corpus: full reindex time, /api/search/ latency, relevance.

    python bench/elastic_engine.py /path/to/corpus [--skip-load]

Uses KB_ELASTICSEARCH_URL when set (a real cluster); otherwise starts the OpenSearch 2.19 test node
(tests/opensearch/: one node, 512 MB heap) with the test bridge of tests/search/elasticsearch_server.py.
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from setup_django import setup

HERE = Path(__file__).resolve().parent
COMMON_WORDS = ["serveur", "fichier", "données", "configuration", "réseau", "utilisateur", "sauvegarde"]


def use_elasticsearch():
    """Point the settings at a cluster; returns the test node to stop, if one was started."""
    from django.conf import settings

    from tests.search import elasticsearch_server

    settings.KB_SEARCH_ENGINE = "elasticsearch"
    settings.KB_ELASTICSEARCH_INDEX = "coopkb-bench"
    settings.KB_ELASTICSEARCH_TIMEOUT = 30
    if os.environ.get("KB_ELASTICSEARCH_URL"):
        settings.KB_ELASTICSEARCH_URL = os.environ["KB_ELASTICSEARCH_URL"]
        return None
    from tests.opensearch.node import Node

    server = Node("kb-bench", {"discovery.type": "single-node"}).start()
    server.wait_for_status("green")
    settings.KB_ELASTICSEARCH_URL = server.url
    settings.KB_ELASTICSEARCH_CLIENT_OPTIONS = elasticsearch_server.BRIDGE
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--skip-load", action="store_true", help="the corpus is already in the database")
    args = parser.parse_args()
    setup()
    from django.test import Client

    from corpus import load
    from relevance import ndcg, recall

    from search.engines import get_engine
    from search.models import SearchDocument

    if not args.skip_load:
        print(f"loaded {load(args.corpus)} records")
    server = use_elasticsearch()
    try:
        engine = get_engine()
        total = SearchDocument.objects.count()
        started = time.perf_counter()
        sent = engine.rebuild(SearchDocument.objects.order_by("pk").iterator(2000), total)
        print(f"{engine.name}: full reindex of {sent} documents in {time.perf_counter() - started:.1f} s")

        queries = json.loads((HERE / "relevance" / "queries.json").read_text(encoding="utf-8"))
        client = Client()
        timings, ndcgs, recalls = [], [], []
        for text in [item["q"] for item in queries] + COMMON_WORDS:
            started = time.perf_counter()
            response = client.get("/api/search/", {"q": text})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (text, response.status_code)
        for item in queries:
            results = client.get("/api/search/", {"q": item["q"]}).json()["results"]
            ranked = [hit["external_id"] for hit in results]
            ndcgs.append(ndcg(ranked, item["rel"]))
            recalls.append(recall(ranked, item["rel"]))
        cuts = statistics.quantiles(timings, n=20)
        print(
            f"{engine.name}: /api/search/ over {len(timings)} queries: "
            f"p50 {statistics.median(timings):.1f} ms, p95 {cuts[18]:.1f} ms; "
            f"nDCG@10 = {statistics.mean(ndcgs):.3f}, "
            f"recall@10 = {statistics.mean(recalls):.3f} ({len(queries)} judged queries)"
        )
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
