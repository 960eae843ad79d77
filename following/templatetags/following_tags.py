from django import template

from core.access import Reader
from search.text import words

from .. import inbox, reminders, searches
from ..followable import is_followable
from ..models import Follow

register = template.Library()


@register.inclusion_tag("following/follow_button.html", takes_context=True)
def follow_button(context, page):
    """« Suivre » or « Ne plus suivre » on a followable page, for members."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = bool(
        user and user.is_authenticated and is_followable(page) and Reader.from_request(request).is_member
    )
    followed = shown and Follow.objects.filter(user=user, page=page).exists()
    return {"shown": shown, "followed": followed, "page": page, "request": request}


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return 0
    return inbox.unread_count(request)


@register.inclusion_tag("following/follow_search_button.html", takes_context=True)
def follow_search_button(context, query):
    """« Suivre cette recherche » under a search with words or filters, for members."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = bool(
        user
        and user.is_authenticated
        and (words(query.text) or query.filters)
        and Reader.from_request(request).is_member
    )
    filters = {facet: list(values) for facet, values in query.filters.items()}
    followed = searches.find(user, query.text, filters) if shown else None
    return {"shown": shown, "followed": followed, "query": query, "request": request}


@register.simple_tag
def reminder_reason(notification):
    """Why a review reminder was sent, in the reader's language ("" for other notifications)."""
    return reminders.reason(notification)
