import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tqdm import tqdm

from search import documents
from search.engines import indexing_engines
from search.engines.base import EngineUnavailable
from search.models import SearchDocument


class Command(BaseCommand):
    help = _("Reconstruit l'index de recherche à partir des pages publiées.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine-only",
            action="store_true",
            help=_("Ne relit pas les pages : renvoie seulement les documents existants au moteur."),
        )

    def handle(self, *args, engine_only=False, verbosity=1, **options):
        started = time.perf_counter()
        quiet = verbosity < 1
        outcome = documents.Outcome()
        if not engine_only:
            page_ids = documents.searchable_page_ids()
            with tqdm(total=len(page_ids), desc=_("Pages"), disable=quiet, file=self.stderr) as bar:
                outcome = documents.refresh(page_ids, to_engine=False, progress=bar.update)
        total = SearchDocument.objects.count()
        engines = indexing_engines()
        for engine in engines:
            with tqdm(total=total, desc=_("Moteur %s") % engine.name, disable=quiet, file=self.stderr) as bar:
                try:
                    rows = SearchDocument.objects.order_by("pk").iterator(2000)
                    sent = engine.rebuild(rows, total, bar.update)
                except EngineUnavailable as error:
                    message = _("Moteur %(engine)s indisponible : %(error)s")
                    raise CommandError(message % {"engine": engine.name, "error": error}) from error
        self.stdout.write(
            _(
                "%(sent)d documents indexés par %(engine)s (%(indexed)d pages lues, "
                "%(removed)d retirées, %(failed)d en erreur) en %(seconds).1f s."
            )
            % {
                "sent": sent,
                "engine": ", ".join(engine.name for engine in engines),
                "indexed": outcome.indexed,
                "removed": outcome.removed,
                "failed": len(outcome.failed),
                "seconds": time.perf_counter() - started,
            }
        )
        if outcome.failed:
            self.stderr.write(_("Pages en erreur : %s") % ", ".join(map(str, outcome.failed)))
