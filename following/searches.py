"""Followed searches: the search is run again as its member, and the results not reported before
become notifications. Nothing is kept of a result but its page: the inbox and the e-mails ask the
access rule again when they show it."""

from functools import partial

from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from core.access import Reader, Restrictions
from search.engines import run_search
from search.engines.base import FACETS, SearchQuery, SearchResults
from search.params import parse

from .mail import mail_at_once, readable_now
from .models import FollowedSearch, Notification

# Each check reads the newest results: a search with more new results than this between two checks
# reports the newest ones (its feed and its results page show the rest).
CHECKED_RESULTS = 50
# Enough to remember every result told for months, small enough for one JSON field.
REMEMBERED = 2000
FEED_RESULTS = 20
FEED_SALT = "following.search-feed"


def querydict(followed: FollowedSearch) -> QueryDict:
    """The search page's query string for this followed search."""
    params = QueryDict(mutable=True)
    if followed.text:
        params["q"] = followed.text
    for facet in FACETS:
        params.setlist(facet, followed.filters.get(facet, []))
    return params


def search_url(followed: FollowedSearch) -> str:
    query = querydict(followed).urlencode()
    return reverse("search") + (f"?{query}" if query else "")


def newest(followed: FollowedSearch, count: int) -> SearchResults:
    """The search's newest results as its member may read them now."""
    parsed = parse(querydict(followed), Reader.for_user(followed.user))
    query = parsed.query
    return run_search(
        SearchQuery(
            text=query.text,
            reader=query.reader,
            filters=query.filters,
            sort="date",
            per_page=count,
            with_facets=False,
        )
    )


def find(user, text: str, filters: dict) -> FollowedSearch | None:
    return next(
        (followed for followed in user.followed_searches.filter(text=text) if followed.filters == filters),
        None,
    )


def follow(user, text: str, filters: dict) -> tuple[FollowedSearch, bool]:
    """Follow a search; what it finds now counts as already seen (only what appears later is news)."""
    if existing := find(user, text, filters):
        return existing, False
    followed = FollowedSearch(user=user, text=text, filters=filters, checked_at=timezone.now())
    followed.seen = [hit.page_id for hit in newest(followed, CHECKED_RESULTS).hits]
    followed.save()
    return followed, True


def check(followed: FollowedSearch, restrictions: Restrictions | None = None) -> list[Notification]:
    """Tell the member of the results that appeared since the last check; each result once."""
    if not followed.user.is_active:
        return []
    seen = set(followed.seen)
    fresh = [hit.page_id for hit in newest(followed, CHECKED_RESULTS).hits if hit.page_id not in seen]
    pages = Page.objects.in_bulk(fresh)
    found = [
        Notification(
            recipient=followed.user, kind=Notification.Kind.NEW_RESULT, page=pages[pk], search=followed
        )
        for pk in reversed(fresh)  # oldest first: the inbox lists the newest on top
        if pk in pages
    ]
    # The engine answered as the member; the rule every notification obeys is asked again all the same.
    found = readable_now(followed.user, found, restrictions or Restrictions.load())
    with transaction.atomic():
        made = Notification.objects.bulk_create(found)
        followed.seen = (followed.seen + fresh)[-REMEMBERED:]
        followed.checked_at = timezone.now()
        followed.save(update_fields=["seen", "checked_at"])
    mail_at_once(made)
    return made


def check_all() -> tuple[int, int]:
    """(searches checked, notifications made), for every active member's followed searches."""
    searches = FollowedSearch.objects.filter(user__is_active=True).select_related("user").order_by("pk")
    checked = told = 0
    restrictions = Restrictions.load()
    for followed in searches.iterator(chunk_size=200):
        told += len(check(followed, restrictions))
        checked += 1
    return checked, told


def feed_token(followed: FollowedSearch) -> str:
    """The feed's address holds a signed token: feed readers do not sign in. Unfollowing the search
    ends the feed; its results are always read as the member, with their rights of the moment.
    No timestamp in it: one search keeps one address, the one a feed reader subscribed to."""
    return signing.Signer(salt=FEED_SALT).sign_object(followed.pk)


def from_feed_token(token: str) -> FollowedSearch | None:
    pk = None
    # Addresses given out before December 2026 carry a timestamp (signing.dumps): they still work.
    for read in (signing.Signer(salt=FEED_SALT).unsign_object, partial(signing.loads, salt=FEED_SALT)):
        try:
            pk = read(token)
            break
        except (signing.BadSignature, ValueError):  # ValueError: the other format's payload
            continue
    if not isinstance(pk, int):
        return None
    return FollowedSearch.objects.filter(pk=pk, user__is_active=True).select_related("user").first()
