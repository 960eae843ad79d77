"""French text normalisation shared by indexing and querying: the same steps on both sides.

fold (lowercase, no accents, ligatures split) → words (elisions dropped) → stop words dropped →
Snowball French stems. Also finds the query words in original text for highlighted excerpts.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import islice

from django.utils.html import escape

import snowballstemmer

MIN_FUZZY_LENGTH = 5  # one typo is tolerated in words of five letters or more
STEM_PREFIX = 4  # letters of a stem that the written word surely starts with (after folding)

WORD = re.compile(r"[^\W_]+", re.UNICODE)
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Elided articles and pronouns ("l'outil", "qu'il", "d'un") come out of WORD as separate words.
ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
# Folded French (and a few English) words too common to tell documents apart.
STOP_WORDS_TEXT = (
    "a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui "
    "ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta "
    "te tes toi ton tu un une vos votre vous y est sont etre ete etait ont avoir comme plus tout tous "
    "toute toutes si sans sous entre vers chez dont cela ceci ca the of and to in for is on "
)
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())

_stemmer = snowballstemmer.stemmer("french")


NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(LIGATURES))
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def _fold_match(match: re.Match) -> str:
    return _fold_char(match.group())


def fold(text: str) -> str:
    """Lowercase without accents: « Événements » → "evenements" (only non-ASCII characters
    are decomposed, which keeps indexing megabytes of text fast)."""
    text = text.lower()
    return text if text.isascii() else NON_ASCII.sub(_fold_match, text)


def words(text: str) -> list[str]:
    """Folded words of a text, without elided articles."""
    return [word for word in WORD.findall(fold(text)) if word not in ELISIONS]


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Stem of a folded word (Snowball French; digits and short words stay as they are)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer.stemWord(word)


def terms(text: str) -> list[str]:
    """Index terms of a text: stems of its folded words minus stop words, in order."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def index_text(text: str) -> str:
    """What goes into a full-text column: the terms joined by spaces."""
    return " ".join(terms(text))


@lru_cache(maxsize=200_000)
def _term_of(word: str) -> str:
    """Index term of one written word (cached: excerpts fold and stem every word of long bodies)."""
    return stem(fold(word))


def clean_query(text: str, max_length: int = 500) -> str:
    """User text made safe to handle: control characters removed, whitespace squeezed, bounded."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text[: max_length * 4])
    return " ".join(text.split())[:max_length]


def highlight(text: str, query_stems: set[str], length: int = 30) -> str:
    """Escaped excerpt of `text` around the densest run of query words, those words in <mark>.

    Works on the original text (accents, case) so readers see what was written, not stems.
    """
    if not _may_mention(text, query_stems):
        return _opening(text, length)
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    hits = [_term_of(match.group()) in query_stems for match in tokens]
    start = _best_window(hits, length)
    window = tokens[start : start + length]
    begin = window[0].start() if start else 0
    end = window[-1].end() if start + length < len(tokens) else len(text)
    parts, cursor = [], begin
    for index, match in enumerate(window, start):
        if hits[index]:
            parts.append(escape(text[cursor : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            cursor = match.end()
    parts.append(escape(text[cursor:end]))
    excerpt = "".join(parts).strip()
    return ("… " if begin else "") + excerpt + (" …" if end < len(text) else "")


def _may_mention(text: str, query_stems: set[str]) -> bool:
    """Cheap test before stemming every word: does some word start like a query stem? (A stem's
    first letters are kept by Snowball; its ending may differ from the written word's.)"""
    starts = {term[:STEM_PREFIX] for term in query_stems if term}
    if not starts:
        return False
    # A word start as WORD sees it: not after a letter or digit ("_" separates words too).
    pattern = r"(?<![^\W_])(?:" + "|".join(sorted(map(re.escape, starts))) + ")"
    return re.search(pattern, fold(text)) is not None


def _opening(text: str, length: int) -> str:
    """The first `length` words of the text, escaped (what highlight gives when nothing matches)."""
    tokens = list(islice(WORD.finditer(text), length + 1))
    if not tokens:
        return ""
    end = tokens[length - 1].end() if len(tokens) > length else len(text)
    return escape(text[:end]).strip() + (" …" if end < len(text) else "")


def _best_window(hits: list[bool], length: int) -> int:
    """Start of the window of `length` tokens holding the most hits (earliest on ties)."""
    best = current = sum(hits[:length])
    best_start = 0
    for start in range(1, max(1, len(hits) - length + 1)):
        current += hits[start + length - 1] - hits[start - 1]
        if current > best:
            best, best_start = current, start
    # Open the excerpt a few words before the first hit so it reads as a sentence.
    return max(0, best_start - 3) if best else 0
