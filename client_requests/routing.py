"""Which cooperatives hear of an accepted request: those offering one of the skills asked, in the
request's region first; the whole network when none matches there, or when nobody there answered
within `KB_REQUEST_REGIONAL_DAYS`."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kb.models import CooperativePage

from .models import ClientRequest, Routing
from .notify import tell_cooperatives


def matching_cooperatives(skill_ids, region=None) -> list[int]:
    """Ids of the live cooperatives with one of these skills, under `region` when given. One query."""
    cooperatives = CooperativePage.objects.live().filter(skills__in=list(skill_ids))
    if region is not None:
        cooperatives = cooperatives.descendant_of(region)
    return list(cooperatives.order_by().values_list("pk", flat=True).distinct())


def _route_to(client_request, cooperative_ids, national: bool) -> list[int]:
    already = set(client_request.routings.values_list("cooperative_id", flat=True))
    new = [pk for pk in cooperative_ids if pk not in already]
    now = timezone.now()
    Routing.objects.bulk_create(
        Routing(request=client_request, cooperative_id=pk, national=national, routed_at=now) for pk in new
    )
    return new


@transaction.atomic
def route(client_request) -> list[int]:
    """Route an accepted request; the ids of the cooperatives told."""
    skills = list(client_request.skills.values_list("pk", flat=True))
    now = timezone.now()
    client_request.set_status(ClientRequest.Status.OPEN)
    client_request.routed_at = now
    told = []
    if client_request.region_id is not None:
        told = _route_to(client_request, matching_cooperatives(skills, client_request.region), national=False)
    if not told:  # national from the start, or nobody offers the skill in the region
        told = _route_to(client_request, matching_cooperatives(skills), national=True)
        client_request.national_at = now
    client_request.save()
    transaction.on_commit(lambda: tell_cooperatives(client_request, told))
    return told


def escalation_due(now=None):
    """Regional requests still open with no answer after the regional delay."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.KB_REQUEST_REGIONAL_DAYS)
    return ClientRequest.objects.filter(
        status=ClientRequest.Status.OPEN,
        national_at__isnull=True,
        region__isnull=False,
        routed_at__lte=limit,
        interests__isnull=True,
    )


def escalate(client_request) -> list[int]:
    """Send a request nobody answered in its region to the matching cooperatives of the network."""
    with transaction.atomic():
        skills = list(client_request.skills.values_list("pk", flat=True))
        told = _route_to(client_request, matching_cooperatives(skills), national=True)
        client_request.national_at = timezone.now()
        client_request.save(update_fields=["national_at"])
        transaction.on_commit(lambda: tell_cooperatives(client_request, told))
    return told
