import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from wagtail.models import Page

from kb.privacy import pages_visible_to

MAX_QUERY_LENGTH = 200
# Operators and quotes mean nothing to readers and break the default backend's parser.
NON_WORD = re.compile(r"[^\w\s'-]+")


def search(request):
    """A plain search over the pages the reader may see (the search issue replaces it)."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    results = Page.objects.none()
    terms = NON_WORD.sub(" ", query).strip()
    if terms:
        results = pages_visible_to(request, Page.objects.live()).search(terms, operator="or")
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    response = render(request, "search/search.html", {"query": query, "results": page})
    add_never_cache_headers(response)
    return response
