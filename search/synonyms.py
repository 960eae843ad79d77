"""Query-time expansion with the moderators' synonym groups (every engine uses it)."""

from django.core.cache import cache

from .text import terms

CACHE_KEY = "kbsearch:synonyms"


def _groups() -> list[list[tuple[str, tuple[str, ...]]]]:
    """Each group as [(phrase, its index terms)], cached until a group changes."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        from .models import SynonymGroup

        groups = [
            [(phrase, tuple(terms(phrase))) for phrase in group.term_list()]
            for group in SynonymGroup.objects.all()
        ]
        cache.set(CACHE_KEY, groups, 300)
    return groups


def forget():
    cache.delete(CACHE_KEY)


def _spans(haystack: tuple[str, ...], needle: tuple[str, ...]) -> list[range]:
    """Where `needle` occurs in `haystack`, as ranges of term positions."""
    size = len(needle)
    if not size:
        return []
    return [range(i, i + size) for i in range(len(haystack) - size + 1) if haystack[i : i + size] == needle]


def alternatives(query_terms: tuple[str, ...]) -> list[tuple[range, list[tuple[str, ...]]]]:
    """For each group the query mentions: the query terms it spans, and the index terms of the
    group's other phrases (« mot de passe » in a query spans two terms; "password" may stand for
    both)."""
    found = []
    for group in _groups():
        for phrase, phrase_terms in group:
            others = [terms for other, terms in group if other != phrase and terms]
            found += [(span, others) for span in _spans(query_terms, phrase_terms)]
    return found


def phrases() -> dict[tuple[str, ...], str]:
    """Each phrase's index terms -> the phrase as written (for engines that analyse text themselves)."""
    return {phrase_terms: phrase for group in _groups() for phrase, phrase_terms in group}


def expand(text: str) -> list[str]:
    """Phrases to search as well as `text`: the other members of every group it mentions."""
    query_terms = tuple(terms(text))
    extra = []
    for group in _groups():
        if any(_spans(query_terms, phrase_terms) for _, phrase_terms in group):
            extra += [phrase for phrase, phrase_terms in group if not _spans(query_terms, phrase_terms)]
    return extra
