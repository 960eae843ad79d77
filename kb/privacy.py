"""What a reader may see: the one place that applies Wagtail's view restrictions to querysets."""

from wagtail.models import PageViewRestriction


def pages_visible_to(request, pages):
    """Drop the pages under any view restriction this request does not satisfy."""
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages
