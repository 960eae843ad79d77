"""A request's life: triage by the moderators, the client's details, the cooperatives' progress,
and the end of its personal data (on the client's demand, or after the retention period)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ClientRequest
from .notify import mail_client
from .routing import route

Status = ClientRequest.Status


def accept(client_request) -> list[int]:
    """Route it to the matching cooperatives; the ids of those told."""
    told = route(client_request)
    transaction.on_commit(lambda: mail_client(client_request, "accepted"))
    return told


def reject_as_spam(client_request):
    client_request.set_status(Status.SPAM)
    client_request.save()


def ask_details(client_request, question: str):
    client_request.moderator_question = question
    client_request.set_status(Status.DETAILS)
    client_request.save()
    transaction.on_commit(lambda: mail_client(client_request, "details"))


def add_details(client_request, details: str):
    """The client's answer goes back to triage, kept after what they wrote before."""
    stamp = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    previous = client_request.client_details
    text = f"{previous}\n\n[{stamp}]\n{details}" if previous else f"[{stamp}]\n{details}"
    client_request.client_details = text[-5000:]
    client_request.set_status(Status.NEW)
    client_request.save()


def move_to(client_request, status):
    client_request.set_status(status)
    client_request.save()
    if status in (Status.PROPOSAL, Status.WON, Status.LOST, Status.DROPPED):
        transaction.on_commit(lambda: mail_client(client_request, "progress"))


def forget_client(client_request):
    """Erase who the client is (their name, address, organisation, and what they wrote, which may
    name them); the request closes if it was still open."""
    client_request.contact_name = client_request.contact_email = client_request.organisation_name = ""
    client_request.description = client_request.client_details = ""
    client_request.anonymised_at = timezone.now()
    if not client_request.is_closed:
        client_request.set_status(Status.DROPPED)
    client_request.secret = ClientRequest._meta.get_field("secret").default()  # old links end too
    client_request.save()


def purge(now=None) -> tuple[int, int]:
    """(anonymised, deleted): requests closed for `KB_REQUEST_RETENTION_DAYS`, or filed twice as
    long ago, lose their personal data; spam is deleted after `KB_REQUEST_SPAM_DAYS`."""
    now = now or timezone.now()
    spam_limit = now - datetime.timedelta(days=settings.KB_REQUEST_SPAM_DAYS)
    spam = ClientRequest.objects.filter(status=Status.SPAM, status_changed_at__lte=spam_limit)
    _total, by_model = spam.delete()  # the total counts their skills' rows too
    deleted = by_model.get(ClientRequest._meta.label, 0)
    retention = datetime.timedelta(days=settings.KB_REQUEST_RETENTION_DAYS)
    closed_long_ago = Q(status__in=ClientRequest.CLOSED, status_changed_at__lte=now - retention)
    # A request left open (nobody closed it) is not kept for ever either.
    forgotten = Q(created_at__lte=now - 2 * retention)
    due = ClientRequest.objects.filter(closed_long_ago | forgotten, anonymised_at__isnull=True)
    anonymised = 0
    for client_request in due.exclude(status=Status.SPAM):
        forget_client(client_request)
        anonymised += 1
    return anonymised, deleted


def client_steps(client_request):
    """The steps the client's page shows, each done, current or to come."""
    order = [Status.NEW, Status.OPEN, Status.CONSORTIUM, Status.PROPOSAL]
    current = client_request.status
    position = {Status.DETAILS: 0}.get(current, order.index(current) if current in order else len(order))
    steps = [
        {"label": status.label, "done": index < position, "current": index == position}
        for index, status in enumerate(order)
    ]
    if client_request.is_closed:
        steps.append({"label": Status(current).label, "done": True, "current": True})
    return steps
