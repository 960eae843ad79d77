"""Highlighted excerpts: the passage of a document's original text where the query words are.

Finding them must not cost a pass of Python over every word of a long procedure: a regular
expression built from the query stems' first letters (accents, case and ligatures allowed) finds
the few candidate words in C, and only those are folded and stemmed to confirm them.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import islice

from django.utils.html import escape

from .text import WORD, fold, stem

STEM_PREFIX = 4  # letters of a stem that the written word surely starts with (after folding)
WORDS_BEFORE = 3  # the excerpt opens a few words before the first hit, so it reads as a sentence
CHARS_PER_WORD = 7  # to turn a window of words into characters (French averages about six)
# Beyond Latin letters and punctuation, a character may fold to letters the patterns do not know
# (a decomposed accent, "ﬁ"): such texts take the slow path, which folds every word.
UNUSUAL = re.compile(r"[^\x00-\u024f\u2000-\u206f\u20ac]")


def _written_forms() -> tuple[dict[str, str], dict[str, str]]:
    """Characters that fold to each letter, and to each pair of letters (œ → oe)."""
    letters, pairs = {}, {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isalpha() and folded.isascii():
            letters[folded] = letters.get(folded, "") + char
        elif len(folded) == 2 and folded.isalpha() and folded.isascii():
            pairs[folded] = pairs.get(folded, "") + char
            # A prefix may end inside the ligature ("co" of « cœur »).
            letters[folded[0]] = letters.get(folded[0], "") + char
    return letters, pairs


LETTER_FORMS, PAIR_FORMS = _written_forms()


def _letter(letter: str) -> str:
    return f"[{re.escape(letter + LETTER_FORMS.get(letter, ''))}]"


@lru_cache(maxsize=4096)
def _prefix_pattern(prefix: str) -> str:
    parts, index = [], 0
    while index < len(prefix):
        pair = prefix[index : index + 2]
        if pair in PAIR_FORMS:
            parts.append(f"(?:{_letter(pair[0])}{_letter(pair[1])}|[{re.escape(PAIR_FORMS[pair])}])")
            index += 2
        else:
            parts.append(_letter(prefix[index]))
            index += 1
    return "".join(parts)


@lru_cache(maxsize=512)
def _candidates(starts: frozenset[str]) -> re.Pattern:
    """Words of the original text that may fold and stem to one of the query stems."""
    alternatives = "|".join(_prefix_pattern(start) for start in sorted(starts))
    # A word start as WORD sees it: not after a letter or digit ("_" separates words too).
    return re.compile(rf"(?<![^\W_])(?:{alternatives})", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def _term_of(word: str) -> str:
    """Index term of one written word (cached: the same words come back in every excerpt)."""
    return stem(fold(word))


def _hits(text: str, query_stems: set[str]) -> list[re.Match]:
    """The words of `text` that are query words, in order."""
    starts = frozenset(term[:STEM_PREFIX] for term in query_stems if term)
    if not starts:
        return []
    if UNUSUAL.search(text):
        words = WORD.finditer(text)
    else:
        words = (WORD.match(text, found.start()) for found in _candidates(starts).finditer(text))
    return [word for word in words if word and _term_of(word.group()) in query_stems]


def _densest(hits: list[re.Match], span: int) -> re.Match:
    """The hit opening the stretch of `span` characters that holds the most hits (earliest on ties)."""
    best, best_count, end = hits[0], 0, 0
    for index, hit in enumerate(hits):
        end = max(end, index)
        while end + 1 < len(hits) and hits[end + 1].start() < hit.start() + span:
            end += 1
        if end - index + 1 > best_count:
            best, best_count = hit, end - index + 1
    return best


def _opening_before(text: str, position: int) -> int:
    """Where the excerpt starts: a few words before `position`, or the start of the text."""
    reach = max(0, position - WORDS_BEFORE * 30)
    before = list(WORD.finditer(text, reach, position))
    if reach and before and before[0].start() == reach and WORD.match(text, reach - 1):
        before = before[1:]  # cut by the reach: not a whole word
    if reach == 0 and len(before) <= WORDS_BEFORE:
        return 0
    return before[max(0, len(before) - WORDS_BEFORE)].start() if before else position


def passage(text: str, query_stems: set[str], length: int = 30) -> tuple[str, int, int]:
    """The text (composed, see highlight) and the character span of its excerpt: about `length`
    words around the densest run of query words, or the opening when there is none."""
    text, _, begin, window = _window(text, query_stems, length)
    return text, begin, (window[-1].end() if window else len(text))


def _window(text: str, query_stems: set[str], length: int):
    if UNUSUAL.search(text):
        text = unicodedata.normalize("NFC", text)  # "e" + combining accent is one letter, « é »
    hits = _hits(text, query_stems)
    begin = _opening_before(text, _densest(hits, length * CHARS_PER_WORD).start()) if hits else 0
    tokens = list(islice(WORD.finditer(text, begin), length + 1))
    # The whole rest of the text when the window reaches its last word.
    window = tokens[:length] if len(tokens) > length else []
    return text, hits, begin, window


def highlight(text: str, query_stems: set[str], length: int = 30) -> str:
    """Escaped excerpt of `text` around the densest run of query words, those words in <mark>.

    Works on the original text (accents, case) so readers see what was written, not stems.
    """
    text, hits, begin, window = _window(text, query_stems, length)
    end = window[-1].end() if window else len(text)
    if not window:
        window = list(WORD.finditer(text, begin))
    marked = {hit.start() for hit in hits}
    parts, cursor = [], begin
    for word in window:
        if word.start() in marked:
            parts.append(escape(text[cursor : word.start()]))
            parts.append(f"<mark>{escape(word.group())}</mark>")
            cursor = word.end()
    parts.append(escape(text[cursor:end]))
    excerpt = "".join(parts).strip()
    return ("… " if begin else "") + excerpt + (" …" if end < len(text) else "")
