"""Review reminders: the cooperative's editors are told of what is theirs to re-read (a procedure or
checklist past its review date, a review older than KB_REVIEW_MAX_AGE_MONTHS: REVIEW_DUE; a tool a
watch duty says is due: WATCH_DUE), and the moderators get a summary pointing to the report.

Once per due date: a notification's note holds its due date and months (`note_for`), and a
recipient is not told again of a page while a notification with the same note exists. A page
declared « Toujours valable », or reviewed again, gets a new due date, hence a new reminder when
that one passes. Only those who may read the page are told (core.access), e-mailed as they chose.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.access import users_who_may_read
from core.admin_privacy import shown_in_admin
from core.months import add_months
from core.roles import MODERATORS
from kb.models import CooperativePage, MemberProfile
from tooling.duties import due_by_cooperative
from tooling.models import ReviewPage

from .mail import absolute, deliveries, language_of, mail_at_once, send, unsubscribe_token
from .models import Delivery, Notification
from .overdue import CHECKLIST, PROCEDURE, REVIEW, content_types, cooperative_id_of, months_of, overdue_pages

REVIEW_DUE, WATCH_DUE = Notification.Kind.REVIEW_DUE, Notification.Kind.WATCH_DUE
NEVER_REVIEWED = "-"


def note_for(due: datetime.date | None, months: int) -> str:
    """What a reminder's note keeps: its due date (or "-", a tool never reviewed) and its months."""
    return f"{due.isoformat() if due else NEVER_REVIEWED} {months}"


def read_note(note: str) -> tuple[datetime.date | None, int] | None:
    """(due date, months) of a reminder's note, None if it is not one."""
    due, _sep, months = note.partition(" ")
    try:
        return (None if due == NEVER_REVIEWED else datetime.date.fromisoformat(due)), int(months)
    except ValueError:
        return None


def reason(notification) -> str:
    """Why this reminder: the review date passed, the review is too old, or which watch duty."""
    if notification.kind not in (REVIEW_DUE, WATCH_DUE):
        return ""
    read = read_note(notification.note)
    if read is None:
        return ""
    due, months = read
    values = {"date": date_format(due, "DATE_FORMAT") if due else "", "months": months}
    if notification.kind == WATCH_DUE:
        if due is None:
            return _("Mission de veille : un avis tous les %(months)s mois, et aucun avis encore") % values
        return _("Mission de veille : un avis tous les %(months)s mois, dû depuis le %(date)s") % values
    if notification.page.content_type_id == ContentType.objects.get_for_model(ReviewPage).pk:
        return _("Avis de plus de %(months)s mois : à relire depuis le %(date)s") % values
    return _("Relecture prévue le %(date)s (tous les %(months)s mois)") % values


@dataclass
class Due:
    page: object  # the specific page the notification names
    cooperative_ids: set[int]
    note: str


def editors_of(cooperative_ids) -> dict[int, list]:
    """cooperative id -> its active editors and moderators (their profile's cooperative)."""
    profiles = MemberProfile.objects.filter(
        cooperative_id__in=cooperative_ids,
        role__in=[MemberProfile.Role.EDITOR, MemberProfile.Role.MODERATOR],
        user__is_active=True,
    ).select_related("user")
    editors: dict[int, list] = {}
    for profile in profiles:
        editors.setdefault(profile.cooperative_id, []).append(profile.user)
    return editors


def notify(kind, dues: list[Due]) -> list[Notification]:
    """Notify each cooperative's editors who may read the page and were not told of this due date."""
    if not dues:
        return []
    editors = editors_of({pk for due in dues for pk in due.cooperative_ids})
    told = set(
        Notification.objects.filter(kind=kind, page_id__in=[due.page.pk for due in dues]).values_list(
            "recipient_id", "page_id", "note"
        )
    )
    cooperatives = CooperativePage.objects.in_bulk({pk for due in dues for pk in due.cooperative_ids})
    made = []
    for due in dues:
        users = {user.pk: user for pk in due.cooperative_ids for user in editors.get(pk, [])}
        users = [user for pk, user in users.items() if (pk, due.page.pk, due.note) not in told]
        readers = users_who_may_read(due.page, users)
        if isinstance(due.page, ReviewPage):  # a review names its cooperative: only where it may be read
            readers = users_who_may_read(cooperatives[due.page.cooperative_id], readers)
        made += [Notification(recipient=user, kind=kind, page=due.page, note=due.note) for user in readers]
    made = Notification.objects.bulk_create(made, batch_size=500)
    mail_at_once(made)
    return made


def overdue_dues(today) -> list[Due]:
    """Procedures, checklists and reviews past their review date that name a cooperative."""
    dues = []
    for page in overdue_pages(today).specific():
        cooperative = cooperative_id_of(page)
        if cooperative:
            dues.append(Due(page, {cooperative}, note_for(page.review_due, months_of(page))))
    return dues


def watch_dues(due_by_coop) -> list[Due]:
    """The tools watch duties say are due, once per tool with every cooperative whose duty it is."""
    dues: dict[tuple[int, str], Due] = {}
    for cooperative, items in due_by_coop.items():
        for item in items:
            due_on = add_months(item.latest_review, item.duty.interval_months) if item.latest_review else None
            note = note_for(due_on, item.duty.interval_months)
            due = dues.setdefault((item.tool.pk, note), Due(item.tool, set(), note))
            due.cooperative_ids.add(cooperative.pk)
    return list(dues.values())


def notify_watch_duties(due_by_coop) -> int:
    return len(notify(WATCH_DUE, watch_dues(due_by_coop)))


# --- moderators --------------------------------------------------------------------------------


def moderators():
    return (
        get_user_model()
        .objects.filter(groups__name=MODERATORS, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def summary_counts(user, today) -> dict[str, int]:
    """How many of each kind are overdue among what the admin may name to this moderator."""
    pages = shown_in_admin(user, overdue_pages(today))
    practices = pages.filter(content_type__in=content_types([PROCEDURE, CHECKLIST])).count()
    return {"practices": practices, "reviews": pages.filter(content_type__in=content_types([REVIEW])).count()}


def mail_moderators(today) -> int:
    """One short summary per moderator, when something is overdue (not to one who chose « Jamais »)."""
    users = list(moderators())
    wanted = deliveries(users, REVIEW_DUE)
    messages = []
    for user in users:
        counts = summary_counts(user, today)
        if wanted[user.pk] == Delivery.NEVER or not any(counts.values()):
            continue
        token = unsubscribe_token(user, REVIEW_DUE)
        with translation.override(language_of(user)):
            context = {
                "user": user,
                **counts,
                "report_url": absolute(reverse("following_overdue_report")),
                "preferences_url": absolute(reverse("notification_preferences")),
                "unsubscribe_url": absolute(reverse("unsubscribe", args=[token])),
            }
            subject = render_to_string("following/email/review_summary_subject.txt", context).strip()
            body = render_to_string("following/email/review_summary.txt", context)
        messages.append(EmailMultiAlternatives(subject, body, None, [user.email]))
    return send(messages)


@dataclass
class Outcome:
    review_due: int
    watch_due: int
    moderators_mailed: int


def send_reminders(today: datetime.date | None = None) -> Outcome:
    """Everything a daily run does; running it again the same day tells nobody twice."""
    today = today or timezone.localdate()
    return Outcome(
        review_due=len(notify(REVIEW_DUE, overdue_dues(today))),
        watch_due=notify_watch_duties(due_by_cooperative(today)),
        moderators_mailed=mail_moderators(today),
    )
