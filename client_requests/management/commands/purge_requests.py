from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from client_requests.lifecycle import purge


class Command(BaseCommand):
    help = "Erase the personal data of requests past the retention period, delete old spam (cron, daily)."

    def handle(self, **options):
        anonymised, deleted = purge()
        self.stdout.write(
            _("%(anonymised)d demande(s) anonymisée(s), %(deleted)d demande(s) indésirable(s) supprimée(s).")
            % {"anonymised": anonymised, "deleted": deleted}
        )
