"""nDCG@10 and recall@10 of /api/search/ on judged queries (corpus already loaded by load.py).

python bench/relevance.py [bench/relevance/needs.json] [--show] [--floor /work/shared/corpus] [--opensearch]

A query set whose items carry "half" (tuning / heldout) and "kind" (tool / procedure) is reported
per half, with the gap (tuning - held-out: above 0.05 the ranking fits its tuning set), and per kind
within each half. `--floor` also scores the naive floor on the same queries: one FTS5 table over the
corpus records, the query's words OR-ed, ORDER BY bm25 LIMIT 10 (no stems, no ranking of ours).
`--opensearch` scores the Elasticsearch engine instead: it starts the OpenSearch test node
(tests/opensearch/), fills an index from the bench database's search documents and asks it.
"""

import argparse
import contextlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from api import api_search
from setup_django import setup

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "relevance" / "queries.json"
GROUPS = ("all", "tool", "procedure")


def ndcg(ranked, judged, k=10):
    gains = [judged.get(doc_id, 0) for doc_id in ranked[:k]]
    dcg = sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted(judged.values(), reverse=True)[:k]
    best = sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked, judged, k=10):
    relevant = {doc_id for doc_id, gain in judged.items() if gain > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def judged_queries(path=QUERIES):
    return json.loads(path.read_text(encoding="utf-8"))


def judge(client, queries):
    """Per judged query ({"q", "rel"}): (nDCG@10, recall@10, the external ids of /api/search/'s top 10)."""
    scores = []
    for item in queries:
        ranked = [hit["external_id"] for hit in api_search(client, item["q"]).json()["results"]]
        scores.append((ndcg(ranked, item["rel"]), recall(ranked, item["rel"]), ranked))
    return scores


def api_ranker():
    from django.test import Client

    client = Client()

    def ranked(text):
        return [hit["external_id"] for hit in api_search(client, text).json()["results"]]

    return ranked


def floor_ranker(corpus: Path):
    """The naive floor: FTS5 (unicode61, accents removed) over the raw records, words OR-ed."""
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE VIRTUAL TABLE floor USING fts5(external_id UNINDEXED, title, summary, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    files = {
        "procedures-fr.jsonl": ("title", None, "body"),
        "tools-fr.jsonl": ("name", "summary", "description"),
    }
    for name, fields in files.items():
        with open(corpus / name, encoding="utf-8") as lines:
            rows = []
            for line in lines:
                record = json.loads(line)
                rows.append((record["id"], *(record[field] if field else "" for field in fields)))
        database.executemany("INSERT INTO floor VALUES (?, ?, ?, ?)", rows)

    def ranked(text):
        folded = unicodedata.normalize("NFKD", text.lower())
        tokens = re.findall(r"\w+", "".join(c for c in folded if not unicodedata.combining(c)))
        if not tokens:
            return []
        expression = " OR ".join('"' + token + '"' for token in tokens)
        sql = "SELECT external_id FROM floor WHERE floor MATCH ? ORDER BY bm25(floor) LIMIT 10"
        return [row[0] for row in database.execute(sql, [expression])]

    return ranked


def score(queries, ranked, show=False):
    """(half, group) -> [(ndcg, recall)] over the queries."""
    results = defaultdict(list)
    for item in queries:
        hits = ranked(item["q"])
        value = (ndcg(hits, item["rel"]), recall(hits, item["rel"]))
        half = item.get("half", "all")
        for group in ("all", item.get("kind")):
            if group:
                results[half, group].append(value)
                if half != "all":
                    results["all", group].append(value)
        if show:
            print(f"{value[0]:.2f} [{half[:4]} {item.get('kind', '')[:4]}] {item['q']!r}: {' '.join(hits)}")
    return results


def report(label, results):
    def mean(half, group, index=0):
        values = results.get((half, group), [])
        return sum(value[index] for value in values) / len(values) if values else float("nan")

    halves = [half for half in ("tuning", "heldout", "all") if (half, "all") in results]
    for half in halves:
        parts = [
            f"{group} nDCG@10 {mean(half, group):.3f} (n={len(results[half, group])})"
            for group in GROUPS
            if (half, group) in results
        ]
        print(f"{label} {half:8}: {', '.join(parts)}; recall@10 {mean(half, 'all', 1):.3f}")
    if "tuning" in halves and "heldout" in halves:
        gaps = [f"{group} {mean('tuning', group) - mean('heldout', group):+.3f}" for group in GROUPS]
        print(f"{label} gap (tuning - held-out): {', '.join(gaps)}")


@contextlib.contextmanager
def opensearch_engine():
    """The Elasticsearch engine on a test node started for this run, its index filled from the bench
    database's search documents (set up before Django: the engine is chosen from the environment)."""
    sys.path.insert(0, str(HERE.parent))  # tests.opensearch, as setup() would put it
    from engines import INDEX, start_node

    node = start_node()
    try:
        os.environ.update(
            KB_SEARCH_ENGINE="elasticsearch",
            KB_ELASTICSEARCH_URL=node.url,
            KB_ELASTICSEARCH_INDEX=INDEX,
            KB_ELASTICSEARCH_TIMEOUT="10",  # index creation on a fresh node can pass the 2 s
        )
        setup()
        from django.conf import settings

        from search.engines import get_engine
        from search.models import SearchDocument
        from tests.search.elasticsearch_server import BRIDGE

        settings.KB_ELASTICSEARCH_CLIENT_OPTIONS = BRIDGE  # the test node is OpenSearch: bench only
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # not a line per request
        get_engine().rebuild(SearchDocument.objects.order_by("pk").iterator(2000))
        yield f"elasticsearch ({node.info()['version'].get('distribution', 'elasticsearch')})"
    finally:
        node.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="?", type=Path, default=QUERIES)
    parser.add_argument("--show", action="store_true", help="print each query's top 10")
    parser.add_argument("--floor", type=Path, metavar="CORPUS", help="also score the naive FTS5 floor")
    parser.add_argument("--opensearch", action="store_true", help="score the Elasticsearch engine")
    args = parser.parse_args()
    with opensearch_engine() if args.opensearch else contextlib.nullcontext() as label:
        if not args.opensearch:
            setup()
        from search.engines import get_engine

        queries = judged_queries(args.queries)
        print(f"{args.queries.name}: {len(queries)} queries")
        report(label or get_engine().name, score(queries, api_ranker(), args.show))
    if args.floor:
        report("floor", score(queries, floor_ranker(args.floor), args.show))


if __name__ == "__main__":
    main()
