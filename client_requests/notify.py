"""Members hear of requests through their notifications (and the e-mails they chose for them); the
client hears by e-mail, at the address given, with the status page's signed link."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from following.mail import mail_at_once
from following.models import Notification

from .access import users_who_may_see
from .tokens import status_token

logger = logging.getLogger(__name__)


def _tell(client_request, users, kind):
    users = users_who_may_see(client_request, users)
    made = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, client_request=client_request) for user in users
    )
    mail_at_once(made)
    return made


def members_of(cooperative_ids, exclude=None):
    users = (
        get_user_model()
        .objects.filter(is_active=True, kb_profile__cooperative_id__in=list(cooperative_ids))
        .select_related("kb_profile")
    )
    return [user for user in users if exclude is None or user.pk != exclude.pk]


def tell_cooperatives(client_request, cooperative_ids):
    """The members of the cooperatives the request was just routed to."""
    return _tell(client_request, members_of(cooperative_ids), Notification.Kind.NEW_REQUEST)


def tell_answered(client_request, author):
    """A new interest or message: the members of the cooperatives that answered, but its author."""
    cooperatives = client_request.interests.values_list("cooperative_id", flat=True)
    return _tell(client_request, members_of(cooperatives, exclude=author), Notification.Kind.REQUEST_UPDATE)


def status_url(client_request) -> str:
    return settings.KB_BASE_URL.rstrip("/") + reverse(
        "client_request_status", args=[status_token(client_request)]
    )


def mail_client(client_request, template: str, **context) -> bool:
    """One e-mail to the client, in the language of the form they filled; False if the
    mail server refused it (the request is kept: the moderators see it had no acknowledgement)."""
    if not client_request.contact_email:
        return False
    context = {"request": client_request, "status_url": status_url(client_request), **context}
    with translation.override(client_request.language):
        subject = render_to_string(f"client_requests/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"client_requests/email/{template}.txt", context)
    try:
        send_mail(subject, body, None, [client_request.contact_email])
    except (smtplib.SMTPException, OSError):
        logger.exception("client request %s: e-mail %s not sent", client_request.pk, template)
        return False
    return True
