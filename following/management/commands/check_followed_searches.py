from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from following import searches
from following.tasks import check_followed_searches


class Command(BaseCommand):
    help = "Tell members of the new results of the searches they follow (cron), or queue it for the worker."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="record a task for the worker instead")

    def handle(self, queue, **options):
        if queue:
            check_followed_searches.enqueue()
            self.stdout.write(_("Vérification des recherches suivies confiée au worker."))
            return
        checked, told = searches.check_all()
        self.stdout.write(
            _("%(checked)d recherches suivies vérifiées, %(told)d nouveaux résultats signalés.")
            % {"checked": checked, "told": told}
        )
