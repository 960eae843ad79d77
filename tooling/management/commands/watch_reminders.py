import sys

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tqdm import tqdm

from following.reminders import notify_watch_duties
from tooling.duties import due_by_cooperative

LISTED_PER_EMAIL = 50


class Command(BaseCommand):
    help = (
        "E-mail each cooperative the tools its watch duties say are due for review, and notify its "
        "editors once per due date (for cron; review_reminders notifies them too)."
    )

    def handle(self, *args, **options):
        due = due_by_cooperative()
        sent, skipped, failed = 0, 0, 0
        for cooperative, items in tqdm(
            due.items(), unit=" coopératives", disable=options["verbosity"] == 0, file=sys.stderr
        ):
            if not cooperative.contact_email:
                skipped += 1
                self.stderr.write(f"{cooperative.title} : pas d'e-mail de contact, rappel non envoyé.")
                continue
            context = {
                "cooperative": cooperative,
                "items": items[:LISTED_PER_EMAIL],
                "more": max(len(items) - LISTED_PER_EMAIL, 0),
                "total": len(items),
                "base_url": settings.KB_BASE_URL,
            }
            subject = _("CoopKB : %(count)s outil(s) à revoir pour %(cooperative)s") % {
                "count": len(items),
                "cooperative": cooperative.title,
            }
            try:
                send_mail(
                    subject,
                    render_to_string("tooling/email/watch_reminder.txt", context),
                    None,
                    [cooperative.contact_email],
                )
            except OSError as error:  # SMTP refused or unreachable: the other cooperatives still get theirs
                failed += 1
                self.stderr.write(f"{cooperative.title} : envoi impossible ({error}).")
                continue
            sent += 1
        notified = notify_watch_duties(due)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rappels de veille : {sent} envoyés, {skipped} sans adresse, {failed} en échec "
                f"({len(due)} coopératives avec des outils à revoir), {notified} notifications aux éditeurs."
            )
        )
