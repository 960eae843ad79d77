"""« Toujours valable »: an editor re-reads a procedure, a checklist or their cooperative's review
of a tool, finds it still right, and moves its review date to today.

No new version is made (nothing a reader sees changed but the date): the date is written on the page
row, and the page history records who confirmed and when (log action `LOG_ACTION`). A draft written
before keeps the new date when it is published later (the pages' `with_content_json`).
A review can be re-confirmed by those who may edit it, while it is its cooperative's newest on the
tool: re-dating an older one would make it supersede the newer.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from core.access import can_read_page
from core.events import pages_bulk_imported

LOG_ACTION = "kb.still_valid"


def confirmable(page) -> bool:
    """Pages that carry a review date (procedures, checklists, reviews)."""
    return bool(getattr(page, "reviewed_field", None))


def refusal(user, page) -> str | None:
    """Why this user may not confirm this page, or None when they may."""
    if not confirmable(page) or not page.live:
        return _("Cette page n'a pas de date de relecture à confirmer.")
    if not (user.is_authenticated and can_read_page(user, page)):
        return _("Vous ne pouvez pas lire cette page.")
    if not page.permissions_for_user(user).can_edit():
        return _("Seuls les éditeurs qui peuvent modifier cette page peuvent la déclarer toujours valable.")
    superseded = getattr(type(page), "superseded", None)
    if superseded and type(page).objects.filter(Q(superseded()), pk=page.pk).exists():
        return _(
            "Un avis plus récent de la même coopérative le remplace : c'est celui-là qu'il faut confirmer."
        )
    return None


def keep_confirmed_date(page, version):
    """`version` (the page as a revision says) with the page row's review date when that is later:
    a « Toujours valable » since the revision was written is kept when it is edited or published.
    Read from the row, not from `page`, which may be an instance loaded before the confirmation."""
    field = page.reviewed_field
    current = type(page).objects.filter(pk=page.pk).values_list(field, flat=True).first() if page.pk else None
    written = getattr(version, field)
    if current and (written is None or written < current):
        setattr(version, field, current)
    return version


def confirm(page, user, today=None):
    """Set the page's review date to today, without a revision, and record it in its history."""
    field = page.reviewed_field
    previous = getattr(page, field)
    today = today or timezone.localdate()
    type(page).objects.filter(pk=page.pk).update(**{field: today})
    setattr(page, field, today)
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        data={"previous": previous.isoformat() if previous else None, "date": today.isoformat()},
        content_changed=False,
    )
    # Written without Page.save(): the search indexes (ours and the admin's) catch up as after an import.
    pages_bulk_imported.send(sender=type(page), page_ids=[page.pk])
    return today
