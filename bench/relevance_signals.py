"""Where the ranking loses: each signal alone, and the shipped ranking with the need's kind known.

KB_SEMANTIC_SEARCH=1 python bench/relevance_signals.py [bench/relevance/needs.json]   (after load.py)

For each half of the judged set and each kind of need (tool / procedure), nDCG@10 of:
- words only: the engine's lexical ranking (BM25 or ts_rank, coverage, title, families) over the
  documents of the need's kind only;
- meaning only: the cosine order over the documents of that kind;
- shipped, kind known: the shipped ranking (fusion, intents) keeping only the need's kind, as if
  the query's kind were read perfectly;
- shipped: the JSON API's list, as bench/relevance.py measures it.
When "shipped, kind known" is not above "shipped", reading the kind better cannot help: the limit is
what the signals find within one kind.
"""

import argparse
from collections import defaultdict
from pathlib import Path

from relevance import HERE, judged_queries, ndcg
from setup_django import setup

WAYS = ("procedure", "checklist")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="?", type=Path, default=HERE / "relevance" / "needs.json")
    args = parser.parse_args()
    setup()
    from search import semantic
    from search.engines import get_engine
    from search.engines.base import Reader, SearchQuery
    from search.engines.metadata import readable as readable_of
    from search.models import SearchDocument

    engine = get_engine()
    if not hasattr(engine, "_rank"):
        raise SystemExit("the signals are read from a database engine (KB_SEARCH_ENGINE=database)")
    if not semantic.enabled():
        raise SystemExit("the semantic side is off: KB_SEMANTIC_SEARCH=1")
    metadata = engine._metadata.get()
    external = dict(SearchDocument.objects.values_list("page_id", "external_id"))

    def ids(page_ids):
        return [external.get(pk, "") for pk in page_ids]

    def of_kind(pk, kind):
        return (metadata[pk].facets["kind"][0] in WAYS) == (kind == "procedure")

    results = defaultdict(list)
    for item in judged_queries(args.queries):
        kind, reader = item["kind"], Reader.anonymous()
        analysed = engine.analyse(item["q"], reader)
        relevance = dict(engine._match(analysed))
        readable = readable_of(relevance, metadata, reader)
        selected = {pk: meta for pk, meta in readable.items() if of_kind(pk, kind)}
        words = engine._rank(selected, analysed, 10, relevance)[0][:10] if selected else []
        cosines = engine.semantic_candidates.cosines(SearchQuery(text=item["q"]), metadata)
        meaning = [pk for pk in cosines.best() if pk in metadata and of_kind(pk, kind)][:10]
        shipped = engine.search(SearchQuery(text=item["q"], per_page=60, with_facets=False)).hits
        known = [hit.page_id for hit in shipped if of_kind(hit.page_id, kind)][:10]
        rows = {
            "words only": words,
            "meaning only": meaning,
            "shipped, kind known": known,
            "shipped": [hit.page_id for hit in shipped[:10]],
        }
        for name, page_ids in rows.items():
            results[item.get("half", "all"), kind, name].append(ndcg(ids(page_ids), item["rel"]))
    print(f"{engine.name}, nDCG@10 per half and kind of need")
    for half, kind, name in sorted(results, key=lambda key: (key[0], key[1])):
        values = results[half, kind, name]
        print(f"{half:8} {kind:9} {name:20} {sum(values) / len(values):.3f} (n={len(values)})")


if __name__ == "__main__":
    main()
