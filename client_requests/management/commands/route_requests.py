from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from client_requests.routing import escalate, escalation_due


class Command(BaseCommand):
    help = "Send to the whole network the regional requests nobody answered in time (cron, daily)."

    def handle(self, **options):
        escalated = told = 0
        for client_request in escalation_due():
            told += len(escalate(client_request))
            escalated += 1
        self.stdout.write(
            _("%(requests)d demande(s) élargie(s) au niveau national, %(told)d coopérative(s) sollicitée(s).")
            % {"requests": escalated, "told": told}
        )
