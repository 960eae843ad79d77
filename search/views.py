"""The search page and JSON API. They only speak to the engine interface (search.engines)."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.limits import retry_after, too_many_requests, too_many_requests_json
from tooling.models.vocabulary import Ring

from . import logs
from .engines import run_search, run_suggest
from .engines.base import FACETS, Reader
from .params import parse
from .text import clean_query

PER_PAGE = 10
FACET_LABELS = {
    "kind": gettext_lazy("Type"),
    "category": gettext_lazy("Catégorie"),
    "tags": gettext_lazy("Mots-clés"),
    "region": gettext_lazy("Région"),
    "cooperative": gettext_lazy("Coopérative"),
    "ring": gettext_lazy("Anneau"),
}


KIND_LABELS = {
    "procedure": gettext_lazy("Procédure"),
    "checklist": gettext_lazy("Liste de contrôle"),
    "tool": gettext_lazy("Outil"),
    # "Avis" is both singular and plural in French: the context gives English its singular.
    "review": pgettext_lazy("type de résultat", "Avis"),
    "cooperative": gettext_lazy("Coopérative"),
}

# Facets whose values are codes: readers see the label, the filter URL keeps the code.
VALUE_LABELS = {"kind": KIND_LABELS, "ring": dict(Ring.choices)}


def _private(response):
    add_never_cache_headers(response)  # results depend on the reader's rights
    return response


def _execute(request):
    parsed = parse(request.GET, Reader.from_request(request), PER_PAGE)
    query = parsed.query
    if parsed.errors or not (query.text or query.filters):
        return parsed, None
    results = run_search(query)
    if query.text and query.page == 1:
        logs.record(query.text, results.count, results.engine)
    return parsed, results


def search(request):
    if seconds := retry_after(request, "search"):
        return _private(too_many_requests(request, "search", seconds))
    parsed, results = _execute(request)
    query = parsed.query
    context = {
        "query": query.text,
        "search_query": query,
        "errors": parsed.errors,
        "results": results,
        "facets": _facet_links(query, results) if results else [],
        "pages": _pagination(query, results) if results else {},
        "sort_links": _sort_links(query),
    }
    if results:
        for hit in results.hits:
            hit.kind_label = KIND_LABELS.get(hit.kind, hit.kind)
    response = render(request, "search/search.html", context, status=400 if parsed.errors else 200)
    return _private(response)


def api_search(request):
    if seconds := retry_after(request, "search"):
        return _private(too_many_requests_json("search", seconds))
    parsed, results = _execute(request)
    if parsed.errors:
        return _private(JsonResponse({"error": " ".join(parsed.errors)}, status=400))
    query = parsed.query
    if results is None:
        payload = {"count": 0, "results": [], "facets": {}, "message": _("Saisissez des mots à rechercher.")}
        return _private(JsonResponse(payload))
    payload = {
        "count": results.count,
        "page": query.page,
        "per_page": query.per_page,
        "results": [
            {
                "kind": hit.kind,
                "title": hit.title,
                "url": hit.url,
                "excerpt": hit.excerpt,
                "external_id": hit.external_id,
                "cooperative": ", ".join(hit.cooperatives),
                "cooperatives": hit.cooperatives,
                "date": hit.date.isoformat() if hit.date else None,
                "score": hit.score,
                "category": hit.category,
                "region": hit.region,
                "tags": hit.tags,
                "ring": hit.ring,
                "rating": hit.rating,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": v, "count": n} for v, n in values] for name, values in results.facets.items()
        },
        "suggestion": results.suggestion,
        "notice": results.notice,
    }
    return _private(JsonResponse(payload))


def api_suggest(request):
    if seconds := retry_after(request, "suggest"):
        return _private(too_many_requests_json("suggest", seconds))
    prefix = clean_query(request.GET.get("q", ""), 100)
    suggestions = run_suggest(prefix, Reader.from_request(request)) if prefix else []
    payload = {"suggestions": [{"title": s.title, "url": s.url, "kind": s.kind} for s in suggestions]}
    return _private(JsonResponse(payload))


def _url(query, **changes):
    params = {"q": query.text, "sort": query.sort, "page": query.page, **query.filters}
    params.update(changes)
    if params.get("sort") == "relevance":
        params.pop("sort")
    if params.get("page") == 1:
        params.pop("page")
    return "?" + urlencode({k: v for k, v in params.items() if v not in ("", (), None)}, doseq=True)


def _facet_links(query, results):
    facets = []
    for name in FACETS:
        chosen = set(query.filters.get(name, ()))
        values = []
        for value, count in results.facets.get(name, [])[:30]:
            selected = value in chosen
            new = tuple(sorted(chosen - {value})) if selected else tuple(sorted(chosen | {value}))
            label = VALUE_LABELS.get(name, {}).get(value, value)
            url = _url(query, page=1, **{name: new})
            values.append({"value": value, "label": label, "count": count, "selected": selected, "url": url})
        if values:
            facets.append({"name": name, "label": FACET_LABELS[name], "values": values})
    return facets


def _sort_links(query):
    return [
        {
            "label": _("Pertinence"),
            "url": _url(query, sort="relevance", page=1),
            "current": query.sort == "relevance",
        },
        {"label": _("Date"), "url": _url(query, sort="date", page=1), "current": query.sort == "date"},
    ]


def _pagination(query, results):
    last = max(1, min(1000, -(-results.count // query.per_page)))
    return {
        "number": query.page,
        "total": last,
        "previous": _url(query, page=query.page - 1) if query.page > 1 else "",
        "next": _url(query, page=query.page + 1) if query.page < last else "",
    }
