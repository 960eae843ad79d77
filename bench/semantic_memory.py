"""Resident memory of the semantic side: the model, then the corpus's vectors, in one process.

KB_SEMANTIC_SEARCH=1 python bench/semantic_memory.py [--traced]   (after bench/load.py;
DATABASE_URL picks SQLite or PostgreSQL)

Reads the process's resident set (VmRSS) after Django is set up and the search code imported, after
the model's first query (weights loaded), and after a semantic index has loaded every stored vector;
with --traced, what Python and numpy hold for each instead (tracemalloc: the resident set also counts
the shared libraries the model loads and memory the allocator keeps after a peak; tracing costs
memory and time of its own, hence a separate run). Then times query embeddings (no cache) and the
matrix product.
"""

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

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
    traced = parser.parse_args().traced
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
    texts = [f"besoin numéro {n} : sauvegarder les postes de travail" for n in range(200)]
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
    print(
        f"query embedding p50 {statistics.median(encodings) * 1000:.1f} ms, "
        f"matrix product + best passage p50 {statistics.median(products) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
