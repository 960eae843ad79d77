"""Read search parameters from a query string: every mistake becomes a message, never an error."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.numbers import parse_positive_int

from .engines.base import FACETS, SORTS, Reader, SearchQuery
from .text import clean_query

MAX_QUERY_LENGTH = 500
MAX_PAGE = 1000
MAX_PER_PAGE = 50
MAX_FILTER_VALUES = 20
GENERAL_PARAMETERS = {"q", "page", "sort", "per_page"}


@dataclass
class Parsed:
    query: SearchQuery
    errors: list[str] = field(default_factory=list)


def _positive_int(raw, name, default, maximum, errors):
    if raw in (None, ""):
        return default
    # ASCII digits only: int() would read "٣" as 3 and choke on 5,000 digits.
    if not (raw.strip().isascii() and raw.strip().isdigit()):
        errors.append(
            _("« %(name)s » doit être un nombre entier (%(value)s reçu).") % {"name": name, "value": raw[:20]}
        )
        return default
    value = parse_positive_int(raw, maximum)
    if value is None:
        errors.append(
            _("« %(name)s » doit être entre 1 et %(maximum)d.") % {"name": name, "maximum": maximum}
        )
        return default
    return value


def parse(params, reader: Reader, per_page: int = 10) -> Parsed:
    errors = []
    unknown = sorted(set(params) - GENERAL_PARAMETERS - set(FACETS))
    if unknown:
        errors.append(
            _("Paramètre inconnu : %(names)s. Filtres possibles : %(facets)s.")
            % {"names": ", ".join(name[:30] for name in unknown[:5]), "facets": ", ".join(FACETS)}
        )
    text = clean_query(params.get("q", ""), MAX_QUERY_LENGTH)
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        errors.append(_("Tri inconnu : choisissez « relevance » (pertinence) ou « date »."))
        sort = "relevance"
    filters = {}
    for facet in FACETS:
        values = [clean_query(value, 200) for value in params.getlist(facet)[:MAX_FILTER_VALUES]]
        if values := tuple(value for value in values if value):
            filters[facet] = values
    query = SearchQuery(
        text=text,
        reader=reader,
        filters=filters,
        sort=sort,
        page=_positive_int(params.get("page"), "page", 1, MAX_PAGE, errors),
        per_page=_positive_int(params.get("per_page"), "per_page", per_page, MAX_PER_PAGE, errors),
    )
    return Parsed(query=query, errors=errors)
