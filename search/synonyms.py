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


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return bool(size) and any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def expand(text: str) -> list[str]:
    """Phrases to search as well as `text`: the other members of every group it mentions."""
    query_terms = tuple(terms(text))
    extra = []
    for group in _groups():
        if any(_contains(query_terms, phrase_terms) for _, phrase_terms in group):
            extra += [phrase for phrase, phrase_terms in group if not _contains(query_terms, phrase_terms)]
    return extra
