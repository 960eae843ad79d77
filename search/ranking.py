"""The shared re-ranking every engine's list goes through: lexical and semantic fused, then the
right kind of result (search/engines/README.md, « Fusion and kinds »).

- Fusion (FUSION): a weighted sum of the relevance (over the best one) and the cosine, or
  reciprocal rank fusion of the two orders (Σ weight / (RRF_K + rank)); both measured on the tuning
  half, the weighted sum scored higher.
- Kinds: the query says what it wants (« un logiciel pour… », « comment… ») or nothing. With an
  intent, the fused list is split into tools and ways of doing (procedures, checklists), each in
  its own order, interleaved so the asked-for kind takes two slots in three and the other kind's
  best still shows on the first page; with none, the fused order stands.
"""

from __future__ import annotations

import re
from itertools import islice

from .text import fold

RRF_K = 20
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 0.7
DEPTH = 200  # ranks past this add nothing to the fusion
FUSION = "weighted"  # or "rrf": measured lower on the tuning half (BENCHMARKS.md)
BLEND = 0.7

WAYS = frozenset({"procedure", "checklist"})
TOOL_INTENT = re.compile(r"\b(logiciels?|outils?|applications?|applis?|utilitaires?)\b")
WAY_INTENT = re.compile(
    r"^(comment|que faire|quoi faire)\b"
    r"|\b(procedures?|tutoriels?|guides?|etapes?|marche a suivre|checklists?)\b"
)
# Slots per pattern repeat: T = best remaining tool, W = best remaining way.
# (Measured on the tuning half: interleaving without an intent, or lifting each kind's best to the
# head, cost procedure needs more than it gave tool needs; see BENCHMARKS.md.)
PATTERNS = {"tool": "TTW", "way": "WWT"}


def intent(text: str) -> str:
    """ "tool", "way" or "" (nothing said) from the words of the query."""
    folded = fold(text)
    if WAY_INTENT.search(folded):
        return "way"
    if TOOL_INTENT.search(folded):
        return "tool"
    return ""


def fuse(lexical: list[int], semantic: list[int]) -> tuple[list[int], dict[int, float]]:
    """Reciprocal rank fusion of two orders (best first) -> fused order and scores."""
    scores: dict[int, float] = {}
    for order, weight in ((lexical, LEXICAL_WEIGHT), (semantic, SEMANTIC_WEIGHT)):
        for rank, pk in enumerate(islice(order, DEPTH)):
            scores[pk] = scores.get(pk, 0.0) + weight / (RRF_K + rank + 1)
    # Documents past both depths keep their lexical order after the fused ones.
    fused = sorted(scores, key=lambda pk: (-scores[pk], pk))
    tail = [pk for pk in lexical[DEPTH:] if pk not in scores]
    return fused + tail, scores


def weighted(
    lexical: list[int], relevance: dict[int, float], semantic: list[int], cosine
) -> tuple[list[int], dict[int, float]]:
    """(1 - w) * relevance / best relevance + w * cosine, w = BLEND, over both lists' heads."""
    pool = list(dict.fromkeys([*lexical[:DEPTH], *semantic[:DEPTH]]))
    best = max((relevance.get(pk, 0.0) for pk in pool), default=0.0) or 1.0
    cosines = cosine(pool)
    scores = {pk: (1 - BLEND) * relevance.get(pk, 0.0) / best + BLEND * cosines[pk] for pk in pool}
    fused = sorted(scores, key=lambda pk: (-scores[pk], pk))
    return fused + [pk for pk in lexical[DEPTH:] if pk not in scores], scores


def by_kind(order: list[int], kind_of, wanted: str) -> list[int]:
    """With an intent, interleave tools and ways of doing (each in its own order) by its pattern;
    without one, keep the fused order. Other kinds (cooperatives) count with the tools."""
    pattern = PATTERNS.get(wanted)
    if not pattern:
        return order
    tools = [pk for pk in order if kind_of(pk) not in WAYS]
    ways = [pk for pk in order if kind_of(pk) in WAYS]
    result, t, w, slot = [], 0, 0, 0
    while t < len(tools) or w < len(ways):
        take_tool = pattern[slot % len(pattern)] == "T"
        slot += 1
        if (take_tool and t < len(tools)) or w >= len(ways):
            result.append(tools[t])
            t += 1
        else:
            result.append(ways[w])
            w += 1
    return result
