"""nDCG@10 and recall@10 of /api/search/ on judged queries (corpus already loaded by load.py).

python bench/relevance.py [bench/relevance/queries.json] [--show]
"""

import argparse
import json
import math
from pathlib import Path

from setup_django import setup

HERE = Path(__file__).resolve().parent


def ndcg(ranked, judged, k=10):
    gains = [judged.get(doc_id, 0) for doc_id in ranked[:k]]
    dcg = sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted(judged.values(), reverse=True)[:k]
    best = sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked, judged, k=10):
    relevant = {doc_id for doc_id, gain in judged.items() if gain > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="?", type=Path, default=HERE / "relevance" / "queries.json")
    parser.add_argument("--show", action="store_true", help="print each query's top 10")
    args = parser.parse_args()
    setup()
    from django.test import Client

    from search.engines import get_engine

    client = Client()
    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    ndcgs, recalls = [], []
    for item in queries:
        response = client.get("/api/search/", {"q": item["q"]})
        ranked = [hit["external_id"] for hit in response.json()["results"]]
        ndcgs.append(ndcg(ranked, item["rel"]))
        recalls.append(recall(ranked, item["rel"]))
        if args.show:
            print(f"{ndcgs[-1]:.2f} {item['q']!r}: {' '.join(ranked)}")
    engine = get_engine().name
    print(
        f"{engine}: {len(queries)} queries, nDCG@10 = {sum(ndcgs) / len(ndcgs):.3f}, "
        f"recall@10 = {sum(recalls) / len(recalls):.3f}"
    )


if __name__ == "__main__":
    main()
