"""French text normalisation shared by indexing and querying: the same steps on both sides.

fold (lowercase, no accents, ligatures split) → words (elisions dropped) → stop words dropped →
Snowball French stems.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MIN_FUZZY_LENGTH = 5  # one typo is tolerated in words of five letters or more

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


def clean_query(text: str, max_length: int = 500) -> str:
    """User text made safe to handle: control characters removed, whitespace squeezed, bounded."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text[: max_length * 4])
    return " ".join(text.split())[:max_length]
