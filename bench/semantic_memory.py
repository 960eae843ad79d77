"""Resident memory of the semantic side: the model, then the corpus's vectors, in one process.

KB_SEMANTIC_SEARCH=1 python bench/semantic_memory.py [--traced] [--all]   (after bench/load.py;
DATABASE_URL picks SQLite or PostgreSQL)

Reads the process's resident set (VmRSS) after Django is set up and the search code imported, after
the model's first query (weights loaded), and after a semantic index has loaded every stored vector;
with --traced, what Python and numpy hold for each instead (tracemalloc: the resident set also counts
the shared libraries the model loads and memory the allocator keeps after a peak; tracing costs
memory and time of its own, hence a separate run). Then times 300 distinct query embeddings (no
cache) and the matrix product, and reads the resident set again: the model keeps the rows of its
vocabulary table that the texts it embedded needed (search/model_table.py); with --all, every
document is embedded first, as in the process of an import.
"""

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from relevance import HERE, judged_queries
from setup_django import setup


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def held_mb() -> float:
    return tracemalloc.get_traced_memory()[0] / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--traced", action="store_true", help="memory held by Python and numpy")
    parser.add_argument("--all", action="store_true", help="embed every document first, as an import does")
    args = parser.parse_args()
    traced = args.traced
    setup()
    from search import semantic
    from search.engines import get_database_engine
    from search.models import SearchDocument

    if not semantic.enabled():
        raise SystemExit(f"the semantic side is off: {semantic.problem() or 'KB_SEMANTIC_SEARCH=0'}")
    engine = get_database_engine()
    metadata = engine._metadata.get()
    measure = held_mb if traced else resident_mb
    if traced:
        tracemalloc.start()
    base = measure()
    semantic.encode(["premier chargement du modèle"])
    model = measure()
    index = semantic.SemanticIndex()
    started = time.perf_counter()
    index.refresh(engine._metadata.version, metadata)
    loading = time.perf_counter() - started
    loaded = measure()
    tracemalloc.stop()
    documents = SearchDocument.objects.exclude(vector=None).count()
    # Distinct queries: both judged sets, then tools' summaries (each query reads its own pieces).
    judged = [
        item["q"]
        for name in ("needs.json", "queries.json")
        for item in judged_queries(HERE / "relevance" / name)
    ]
    summaries = (
        SearchDocument.objects.exclude(summary="").order_by("page_id").values_list("summary", flat=True)
    )
    texts = [*judged, *summaries[: 300 - len(judged)]]
    if args.all:
        # What a process that embedded the whole corpus (an import, a full reindex) holds.
        for document in SearchDocument.objects.iterator(chunk_size=500):
            semantic.encode(semantic.passages(document))
    encodings, products = [], []
    for text in texts:
        started = time.perf_counter()
        vector = semantic.encode([text])[0]
        encodings.append(time.perf_counter() - started)
        started = time.perf_counter()
        index.scores(vector)
        products.append(time.perf_counter() - started)
    print(f"documents with vectors: {documents}; passages: {index.nbytes // (4 * semantic.DIMENSIONS)}")
    what = "held by Python and numpy" if traced else "resident"
    print(f"{what}: {base:.0f} MB before the model, {model:.0f} MB with it, {loaded:.0f} MB with the vectors")
    matrix = index.nbytes / 2**20
    print(f"model {model - base:.0f} MB; vectors {loaded - model:.0f} MB (matrix {matrix:.0f} MB)")
    print(f"model and vectors: {loaded - base:.0f} MB; vectors loaded in {loading:.1f} s")
    # The model's vocabulary table is read from disk a row at a time (search/model_table.py): the
    # rows of the pieces met so far are held, and grow with the queries.
    table = semantic._model()._model.table
    print(f"model and vectors after {len(texts)} queries: {measure() - base:.0f} MB")
    print(f"vocabulary rows held: {getattr(table, 'nbytes', 0) / 2**20:.1f} MB ({type(table).__name__})")
    print(
        f"query embedding p50 {statistics.median(encodings) * 1000:.1f} ms, "
        f"matrix product + best passage p50 {statistics.median(products) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
