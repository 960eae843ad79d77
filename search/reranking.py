"""The re-ranking every engine's lexical head goes through before the fusion (search/engines/README.md,
« Re-ranking »): the engines find and score the matches, this decides what the best 200 of them
weigh.

- Kinds: a procedure or checklist weighs more than a tool description sharing its words
  (KIND_BOOST, with the package demotion of search/families.py: the engine's score carries both).
- Coverage: a document matching every query concept (a word, its correction or synonyms) beats one
  that matches a single rare word, however often it says it.
- Title: query concepts in the title count on top of the engine's own title weight; a title that is
  the whole query as typed (« gimp », « vlc ») beats the plug-ins and help packages that repeat the
  name in shorter texts.
- Families: each further package of one family (foo, foo-data, libfoo…, search/families.py) counts
  less, so one tool's packages do not fill a page.

The engine says how each document covers the query (`Head`): the database engines test each concept
on the head's index entries, Elasticsearch names one query per concept and reads which matched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

# Short tool descriptions would bury long procedures under length-normalised BM25.
KIND_BOOST = {"procedure": 2.5, "checklist": 2.0, "review": 1.2, "cooperative": 1.2, "tool": 1.0}
RERANK_DEPTH = 200
COVERAGE_POWER = 1
TITLE_BONUS = 1.0
EXACT_TITLE_BONUS = 2.0
FAMILY_DECAY = 0.6


class Head(NamedTuple):
    """One document of the lexical head: its engine score (kind boost and package demotion in), how
    many of the query's concepts it matches, its title's index terms (space separated and padded:
    " a b ") and its package family ("" for none)."""

    pk: int
    score: float
    covered: int
    title_terms: str
    family: str


def rerank(head: Sequence[Head], concepts) -> list[tuple[float, int]]:
    """(score, pk) of the head re-ranked, best first, ties in id order. `concepts`: the query's, each
    a list of alternatives (tuples of index terms), the first as typed; coverage and titles count
    only when there are several."""
    several = len(concepts) > 1
    concept_needles = [_needles(alternatives) for alternatives in concepts]
    typed = f" {' '.join(alternatives[0][0] for alternatives in concepts)} "
    rescored = []
    for item in head:
        score = item.score
        if several:
            coverage = item.covered / len(concepts)
            in_title = sum(_occurs(needles, item.title_terms) for needles in concept_needles)
            score *= (0.25 + coverage) ** COVERAGE_POWER * (1 + TITLE_BONUS * in_title / len(concepts))
        if item.title_terms == typed:
            score *= EXACT_TITLE_BONUS
        rescored.append((score, item.pk, item.family))
    rescored.sort(key=lambda entry: (-entry[0], entry[1]))
    seen: Counter = Counter()
    collapsed = []
    for score, pk, family in rescored:
        if family:
            score *= FAMILY_DECAY ** seen[family]
            seen[family] += 1
        collapsed.append((score, pk))
    collapsed.sort(key=lambda entry: (-entry[0], entry[1]))
    return collapsed


def _needles(alternatives) -> tuple[str, ...]:
    """A concept's alternatives as space-delimited substrings of index terms (" a b ")."""
    return tuple(f" {' '.join(alternative)} " for alternative in alternatives)


def _occurs(needles: tuple[str, ...], terms: str) -> bool:
    """Whether one of a concept's needles occurs in `terms` (index terms, space separated, padded)."""
    return any(needle in terms for needle in needles)
