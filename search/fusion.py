"""The step every engine's ranked list ends with: its lexical order fused with the semantic side,
then the asked-for kind interleaved (search/engines/README.md, « Fusion and kinds »).

Engines differ in how they find and score matches; what they hand over here is the same: the
lexical order (best first), each document's relevance, the query's cosines (None when the semantic
side is off) and a way to read a document's kind. The fusion and kind rules live in ranking.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from . import ranking
from .semantic import Cosines


def final_order(
    text: str,
    lexical: list[int],
    relevance: dict[int, float],
    kind_of: Callable[[int], str],
    cosines: Cosines | None = None,
    among: Collection[int] = (),
) -> tuple[list[int], dict[int, float]]:
    """(order, score of each document). `among`: the documents the semantic order may draw on (those
    the reader may read and the filters let through, whether or not the words matched them)."""
    ordered, scores = lexical, relevance
    if cosines is not None:
        nearest = cosines.order(among, ranking.DEPTH)
        if ranking.FUSION == "weighted":
            head = {pk: relevance.get(pk, 0.0) for pk in lexical[: ranking.DEPTH]}
            ordered, scores = ranking.weighted(lexical, head, nearest, cosines.of)
        else:
            ordered, scores = ranking.fuse(lexical, nearest)
    return ranking.by_kind(ordered, kind_of, ranking.intent(text)), scores
