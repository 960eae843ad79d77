from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from following import mail
from following.models import Delivery
from following.tasks import send_digests


class Command(BaseCommand):
    help = "Send the daily or weekly notification digests (cron), or queue them for the task worker."

    def add_arguments(self, parser):
        parser.add_argument("period", choices=[Delivery.DAILY, Delivery.WEEKLY])
        parser.add_argument("--queue", action="store_true", help="record a task for the worker instead")

    def handle(self, period, queue, **options):
        if queue:
            send_digests.enqueue(period)
            self.stdout.write(_("Résumés « %(period)s » confiés au worker.") % {"period": period})
            return
        sent = mail.send_digests(period)
        self.stdout.write(_("%(count)d résumés envoyés.") % {"count": sent})
