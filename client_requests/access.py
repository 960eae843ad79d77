"""Who sees a client's request, and who sees the person behind it.

- Nobody outside the network: a request is never public, never indexed, never in a sitemap or feed.
- Moderators: every request, and its contact details (they triage them).
- Members: a request once routed, when it was routed to their cooperative or went national.
- The contact details: moderators, and the members of cooperatives that said they are interested.
"""

from django.contrib.auth.models import Group
from django.db.models import Q

from kb.access import Reader
from kb.models import MemberProfile
from kb.roles import MEMBERS, MODERATORS

from .models import ClientRequest


def cooperative_of(user):
    """The member's cooperative (None without a profile or a cooperative)."""
    profile = getattr(user, "kb_profile", None)
    return profile.cooperative if profile is not None else None


def is_moderator(user) -> bool:
    reader = Reader.for_user(user)
    return reader.sees_everything or reader.is_moderator


def visible_requests(user):
    """The requests this user may see, as a queryset (none for the public)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ClientRequest.objects.none()
    if is_moderator(user):
        return ClientRequest.objects.all()
    if not Reader.for_user(user).is_member:
        return ClientRequest.objects.none()
    routed = ClientRequest.objects.filter(status__in=ClientRequest.ROUTED)
    cooperative = cooperative_of(user)
    national = Q(national_at__isnull=False) | Q(region__isnull=True)
    if cooperative is None:
        return routed.filter(national)
    return routed.filter(national | Q(routings__cooperative=cooperative)).distinct()


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
