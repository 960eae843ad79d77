"""Typo tolerance: edit-distance-1 candidates of an unknown word, looked up in SearchTerm."""

import string
from collections import Counter
from collections.abc import Iterable

from .models import SearchTerm
from .text import MIN_FUZZY_LENGTH, WORD, fold, stem

LETTERS = string.ascii_lowercase


def edits1(word: str) -> set[str]:
    """Words one deletion, transposition, substitution or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts) - {word}


def needs_correction(word: str) -> bool:
    return MIN_FUZZY_LENGTH <= len(word) <= 30 and word.isalpha()


def count_words(texts: Iterable[str]) -> Counter:
    """Folded word -> number of texts holding it, for the vocabulary table."""
    counts = Counter()
    for text in texts:
        counts.update({word for word in WORD.findall(fold(text)) if 3 <= len(word) <= 100 and word.isalpha()})
    return counts


def term_rows(texts: Iterable[str]):
    return [
        SearchTerm(word=word, stem=stem(word), display=word, documents=count)
        for word, count in count_words(texts).items()
    ]
