"""nDCG@10 and recall@10 of /api/search/ on judged queries (corpus already loaded by load.py).

python bench/relevance.py [bench/relevance/queries.json] [--show]
"""

import argparse
import json
import math
from pathlib import Path

from api import api_search
from setup_django import setup

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "relevance" / "queries.json"


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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="?", type=Path, default=QUERIES)
    parser.add_argument("--show", action="store_true", help="print each query's top 10")
    args = parser.parse_args()
    setup()
    from django.test import Client

    from search.engines import get_engine

    queries = judged_queries(args.queries)
    scores = judge(Client(), queries)
    if args.show:
        for item, (gain, _, ranked) in zip(queries, scores, strict=True):
            print(f"{gain:.2f} {item['q']!r}: {' '.join(ranked)}")
    ndcgs, recalls = [score[0] for score in scores], [score[1] for score in scores]
    engine = get_engine().name
    print(
        f"{engine}: {len(queries)} queries, nDCG@10 = {sum(ndcgs) / len(ndcgs):.3f}, "
        f"recall@10 = {sum(recalls) / len(recalls):.3f}"
    )


if __name__ == "__main__":
    main()
