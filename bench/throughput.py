"""Searches per second with several searches at once: what a search costs the engine's server when
readers search together, which a sequential latency run hides (a node runs the parts of one search
side by side on its cores).

python bench/throughput.py [--opensearch] [--workers 1 4]   (after bench/load.py; DATABASE_URL picks
SQLite or PostgreSQL; KB_SEMANTIC_SEARCH=1 for the semantic side; --opensearch: the Elasticsearch
engine on the OpenSearch test node, filled as bench/relevance.py does). Two commits interleaved:
bench/compare_throughput.sh BASE [ROUNDS] [opensearch].
"""

import argparse
import contextlib
import time
from concurrent.futures import ThreadPoolExecutor

from latency import query_set
from setup_django import setup

PASSES = 2


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opensearch", action="store_true", help="the Elasticsearch engine")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4], help="searches at once")
    args = parser.parse_args()
    from relevance import opensearch_engine

    with opensearch_engine() if args.opensearch else contextlib.nullcontext():
        if not args.opensearch:
            setup()
        from django.db import close_old_connections

        from search.engines import get_engine
        from search.engines.base import SearchQuery

        engine, queries = get_engine(), query_set()

        def search(text):
            try:
                return engine.search(SearchQuery(text=text))
            finally:
                close_old_connections()  # as at a request's end: CONN_MAX_AGE holds

        for text in queries:  # warm: caches, the model, the node's segments
            search(text)
        for workers in args.workers:
            with ThreadPoolExecutor(workers) as pool:
                start = time.perf_counter()
                list(pool.map(search, queries * PASSES))
                elapsed = time.perf_counter() - start
            rate = PASSES * len(queries) / elapsed
            print(f"throughput {engine.name}, {workers} at once: {rate:.1f} searches/s")


if __name__ == "__main__":
    main()
