"""Query-time expansion with the moderators' synonym groups: `alternatives` is the one matching
every engine goes through (the database engines by index terms, Elasticsearch by `expand`)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache

from .models import SynonymGroup
from .text import terms

CACHE_KEY = "kbsearch:synonyms:v2"


@dataclass
class Synonyms:
    """The groups as [(phrase, its index terms)], indexed by each phrase's first term (a search
    looks up its own terms instead of trying every phrase of every group)."""

    groups: list[list[tuple[str, tuple[str, ...]]]]
    by_first_term: dict[str, list[tuple[tuple[str, ...], list[tuple[str, ...]]]]] = field(init=False)
    phrases: dict[tuple[str, ...], str] = field(init=False)

    def __post_init__(self):
        self.by_first_term = defaultdict(list)
        for group in self.groups:
            for phrase, phrase_terms in group:
                if phrase_terms:
                    others = [other_terms for other, other_terms in group if other != phrase and other_terms]
                    self.by_first_term[phrase_terms[0]].append((phrase_terms, others))
        self.by_first_term = dict(self.by_first_term)
        self.phrases = {phrase_terms: phrase for group in self.groups for phrase, phrase_terms in group}


def _synonyms() -> Synonyms:
    """The groups, cached until one changes."""
    synonyms = cache.get(CACHE_KEY)
    if synonyms is None:
        synonyms = Synonyms(
            [
                [(phrase, tuple(terms(phrase))) for phrase in group.term_list()]
                for group in SynonymGroup.objects.all()
            ]
        )
        cache.set(CACHE_KEY, synonyms, 300)
    return synonyms


def forget():
    cache.delete(CACHE_KEY)


def _spans(haystack: tuple[str, ...], needle: tuple[str, ...]) -> list[range]:
    """Where `needle` occurs in `haystack`, as ranges of term positions."""
    size = len(needle)
    if not size:
        return []
    return [range(i, i + size) for i in range(len(haystack) - size + 1) if haystack[i : i + size] == needle]


def alternatives(query_terms: tuple[str, ...]) -> list[tuple[range, list[tuple[str, ...]]]]:
    """For each group phrase the query holds: the query terms it spans, and the index terms of the
    group's other phrases (« mot de passe » in a query spans two terms; "password" may stand for
    both)."""
    by_first_term = _synonyms().by_first_term
    found = []
    for start, term in enumerate(query_terms):
        for phrase_terms, others in by_first_term.get(term, ()):
            if query_terms[start : start + len(phrase_terms)] == phrase_terms:
                found.append((range(start, start + len(phrase_terms)), others))
    return found


def phrases() -> dict[tuple[str, ...], str]:
    """Each phrase's index terms -> the phrase as written (for engines that analyse text themselves)."""
    return _synonyms().phrases


def expand(text: str) -> list[str]:
    """The phrases, as written, of what `alternatives` finds in `text`: for engines that analyse
    text themselves (Elasticsearch), so every engine expands a query the same way."""
    query_terms = tuple(terms(text))
    written = phrases()
    extra = []
    for _span, others in alternatives(query_terms):
        for other in others:
            if not _spans(query_terms, other) and written[other] not in extra:
                extra.append(written[other])
    return extra
