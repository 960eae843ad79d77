"""Typo tolerance: edit-distance-1 candidates of an unknown word, looked up in SearchTerm."""

import re
import string
from collections import Counter
from collections.abc import Iterable

from .text import MIN_FUZZY_LENGTH, WORD, fold, stem

LETTERS = string.ascii_lowercase
DISPLAY_WORD = re.compile(r"[^\W\d_]{3,}")


def edits1(word: str) -> set[str]:
    """Words one deletion, transposition, substitution or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts) - {word}


def needs_correction(word: str) -> bool:
    return len(word) >= MIN_FUZZY_LENGTH and word.isalpha()


def count_words(texts: Iterable[str]) -> dict[str, tuple[str, int]]:
    """Folded word -> (display form, number of texts holding it), for the vocabulary table."""
    counts, display = Counter(), {}
    for text in texts:
        seen = {}
        for match in DISPLAY_WORD.finditer(text):
            original = match.group()
            seen.setdefault(fold(original), original.lower())
        counts.update(seen.keys())
        for word, original in seen.items():
            display.setdefault(word, original)
    return {word: (display[word], count) for word, count in counts.items() if len(word) <= 100}


def term_rows(texts: Iterable[str]):
    from .models import SearchTerm

    return [
        SearchTerm(word=word, stem=stem(word), display=shown, documents=count)
        for word, (shown, count) in count_words(texts).items()
    ]


def document_text(document) -> str:
    return " ".join((document.title, document.summary, document.body))


def words_of(text: str) -> list[str]:
    return WORD.findall(fold(text))
