"""E-mails of notifications: at once or in digests, in the member's language, each with a signed
link that unsubscribes from that kind without signing in. Nothing goes out about a page the member
may not read when the message is written (the access rule is asked again then)."""

import logging
import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from client_requests.access import visible_requests
from core.access import Reader, Restrictions, readable_cooperative_ids
from core.mail import absolute, language_of
from tooling.models import ReviewPage

from .models import DEFAULT_DELIVERY, Delivery, DeliveryPreference, Notification

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "following.unsubscribe"


def deliveries(users, kind) -> dict[int, str]:
    """Each user's delivery for this kind of notification."""
    chosen = dict(
        DeliveryPreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    return {user.pk: chosen.get(user.pk, DEFAULT_DELIVERY) for user in users}


def unsubscribe_token(user, kind) -> str:
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token) -> tuple[int, str] | None:
    """(user id, kind) of a valid token, else None (tampered, or not one of ours)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("kind") not in Notification.Kind.values:
        return None
    user = data.get("user")
    return (user, data["kind"]) if isinstance(user, int) else None


def readable_now(user, notifications, restrictions: Restrictions) -> list[Notification]:
    reader = Reader.for_user(user)
    requests = set(
        visible_requests(user)
        .filter(pk__in={n.client_request_id for n in notifications if n.client_request_id})
        .values_list("pk", flat=True)
    )
    hidden = set(
        ReviewPage.objects.exclude(cooperative_id__in=readable_cooperative_ids(user)).values_list(
            "pk", flat=True
        )
    )
    return [
        notification
        for notification in notifications
        if (
            (notification.page_id is None and notification.client_request_id in requests)
            or (
                notification.page_id is not None
                and notification.page.live
                and notification.page_id not in hidden
                and reader.can_read(restrictions.audience(notification.page))
            )
        )
    ]


def message(user, notifications, period: str):
    """One e-mail about these notifications (one, or a digest), None when nothing may be said."""
    kinds = sorted({notification.kind for notification in notifications})
    with translation.override(language_of(user)):
        context = {
            "user": user,
            "period": period,
            "items": [
                {"notification": notification, "url": notification.subject.full_url + notification.anchor}
                for notification in notifications
            ],
            "preferences_url": absolute(reverse("notification_preferences")),
            "unsubscribe": [
                {"kind": Notification.Kind(kind).label, "url": absolute(reverse("unsubscribe", args=[token]))}
                for kind, token in ((kind, unsubscribe_token(user, kind)) for kind in kinds)
            ],
        }
        subject = render_to_string("following/email/subject.txt", context).strip()
        body = render_to_string("following/email/notifications.txt", context)
    mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    # One-click unsubscribe for mail clients (RFC 8058): a POST to the first kind's link.
    mail.extra_headers = {
        "List-Unsubscribe": f"<{context['unsubscribe'][0]['url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return mail


def send(messages) -> int:
    """Send what can be sent; a mail server outage loses no notification (they stay in the site)."""
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except (smtplib.SMTPException, OSError):
        logger.exception("%d notification e-mails not sent", len(messages))
        return 0


def mail_at_once(notifications) -> int:
    """The notifications a fan-out just made, e-mailed to those who want them at once."""
    notifications = [notification for notification in notifications if notification.recipient.email]
    if not notifications:
        return 0
    kind = notifications[0].kind
    wanted = deliveries([notification.recipient for notification in notifications], kind)
    now_ones = [n for n in notifications if wanted[n.recipient_id] == Delivery.IMMEDIATELY]
    sent = send([message(n.recipient, [n], Delivery.IMMEDIATELY) for n in now_ones])
    Notification.objects.filter(pk__in=[n.pk for n in now_ones]).update(mailed_at=timezone.now())
    return sent


def send_digests(period: str) -> int:
    """One e-mail per member with the notifications not mailed yet that they want in this digest and
    may still read (those they may not are dropped from e-mail, never named)."""
    pending = (
        Notification.objects.filter(mailed_at=None, recipient__is_active=True)
        .exclude(recipient__email="")
        .select_related("recipient", "page", "search", "client_request")
        .order_by("recipient_id", "-created_at", "-pk")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    restrictions = Restrictions.load()
    chosen = {
        (user_id, kind): delivery
        for user_id, kind, delivery in DeliveryPreference.objects.filter(user_id__in=by_user).values_list(
            "user_id", "kind", "delivery"
        )
    }
    messages, due, settled = [], [], []
    for user_id, notifications in by_user.items():
        mine = []
        for notification in notifications:
            delivery = chosen.get((user_id, notification.kind), DEFAULT_DELIVERY)
            if delivery == period:
                mine.append(notification)
            elif delivery in (Delivery.NEVER, Delivery.IMMEDIATELY):
                settled.append(notification)  # no digest will take them: stop looking at them
        shown = readable_now(mine[0].recipient, mine, restrictions) if mine else []
        if shown:
            messages.append(message(shown[0].recipient, shown, period))
        due += mine
    sent = send(messages)
    if sent or not messages:  # the server refused them all: the next digest tries again
        settled += due
    Notification.objects.filter(pk__in=[n.pk for n in settled]).update(mailed_at=timezone.now())
    return sent
