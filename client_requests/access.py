"""Who sees a client's request, and who sees the person behind it.

- Nobody outside the network: a request is never public, never indexed, never in a sitemap or feed.
- Moderators: every request, and its contact details (they triage them).
- Members: a request once routed, when it was routed to their cooperative or went national.
- The contact details: moderators, and the members of cooperatives that said they are interested.
"""

from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import HttpRequest

from core.access import Reader
from core.roles import MEMBERS, MODERATORS
from kb.models import MemberProfile

from .models import ClientRequest, Routing


def cooperative_of(user):
    """The member's cooperative (None without a profile or a cooperative)."""
    profile = getattr(user, "kb_profile", None)
    return profile.cooperative if profile is not None else None


def _reader_and_user(who):
    """A request's reader (computed once per request) and user, or a user's."""
    if isinstance(who, HttpRequest):
        return Reader.from_request(who), getattr(who, "user", None)
    return Reader.for_user(who), who


def is_moderator(who) -> bool:
    reader, _user = _reader_and_user(who)
    return reader.sees_everything or reader.is_moderator


def visible_requests(who):
    """The requests this reader (a request or a user) may see, as a queryset; none for the public.
    No query of its own: the header's unread count asks it on every page."""
    reader, user = _reader_and_user(who)
    if user is None or not user.is_authenticated or not user.is_active:
        return ClientRequest.objects.none()
    if reader.sees_everything or reader.is_moderator:
        return ClientRequest.objects.all()
    if not reader.is_member:
        return ClientRequest.objects.none()
    national = Q(national_at__isnull=False) | Q(region__isnull=True)
    theirs = Q(pk__in=Routing.objects.filter(cooperative__members__user=user).values("request"))
    return ClientRequest.objects.filter(national | theirs, status__in=ClientRequest.ROUTED)


def may_see(user, client_request) -> bool:
    return visible_requests(user).filter(pk=client_request.pk).exists()


def may_see_contact(user, client_request) -> bool:
    if is_moderator(user):
        return True
    cooperative = cooperative_of(user)
    return (
        cooperative is not None
        and client_request.interests.filter(cooperative=cooperative).exists()
        and may_see(user, client_request)
    )


def users_who_may_see(client_request, users) -> list:
    """The users among these who may see the request now, by the rule of visible_requests, for
    many at once: their groups and cooperatives read in one query each (a routing tells dozens)."""
    users = [user for user in users if user.is_active]
    if not users:
        return []
    ids = [user.pk for user in users]
    groups: dict[int, set[str]] = {}
    for user_id, name in Group.user_set.through.objects.filter(user_id__in=ids).values_list(
        "user_id", "group__name"
    ):
        groups.setdefault(user_id, set()).add(name)
    cooperatives = dict(
        MemberProfile.objects.filter(user_id__in=ids).values_list("user_id", "cooperative_id")
    )
    routed = client_request.status in ClientRequest.ROUTED
    routed_to = set(client_request.routings.values_list("cooperative_id", flat=True))

    def may_see_it(user) -> bool:
        names = groups.get(user.pk, set())
        if user.is_superuser or MODERATORS in names:
            return True
        if MEMBERS not in names or not routed:
            return False
        return client_request.is_national or cooperatives.get(user.pk) in routed_to

    return [user for user in users if may_see_it(user)]
