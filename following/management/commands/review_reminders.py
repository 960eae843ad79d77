from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from following import reminders
from following.tasks import send_review_reminders


class Command(BaseCommand):
    help = (
        "Remind cooperatives' editors of what is past its review date and of due watch duties, and "
        "send the moderators a summary (daily, from cron), or queue it for the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="record a task for the worker instead")

    def handle(self, queue, **options):
        if queue:
            send_review_reminders.enqueue()
            self.stdout.write(_("Rappels de relecture confiés au worker."))
            return
        outcome = reminders.send_reminders()
        self.stdout.write(
            _(
                "Rappels de relecture : %(review)d relectures et %(watch)d veilles signalées, "
                "%(moderators)d résumés aux modérateurs."
            )
            % {
                "review": outcome.review_due,
                "watch": outcome.watch_due,
                "moderators": outcome.moderators_mailed,
            }
        )
