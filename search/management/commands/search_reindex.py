import argparse
import time
from contextlib import contextmanager
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from tqdm import tqdm

from search import documents, engine_updates
from search.engines import external_engines, indexing_engines
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
        parser.add_argument(
            "--since",
            type=since_date,
            metavar=_("DATE"),
            help=_(
                "Rattrapage après une panne : relit seulement les pages modifiées depuis cette date "
                "(AAAA-MM-JJ ou AAAA-MM-JJTHH:MM) et les renvoie aux moteurs."
            ),
        )

    def handle(self, *args, engine_only=False, since=None, verbosity=1, **options):
        started = time.perf_counter()
        if since is not None:
            return self.catch_up(since, started)
        quiet = verbosity < 1
        outcome = documents.Outcome()
        if not engine_only:
            page_ids = documents.searchable_page_ids()
            with tqdm(total=len(page_ids), desc=_("Pages"), disable=quiet, file=self.stderr) as bar:
                outcome = documents.refresh(page_ids, to_engine=False, progress=bar.update)
        total = SearchDocument.objects.count()
        engines = indexing_engines()
        for engine in engines:
            progress = tqdm(total=total, desc=_("Moteur %s") % engine.name, disable=quiet, file=self.stderr)
            with progress as bar, reported_as_command_error(engine):
                rows = SearchDocument.objects.order_by("pk").iterator(2000)
                sent = engine.rebuild(rows, bar.update)
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

    def catch_up(self, since, started):
        page_ids = documents.touched_since(since)
        outcome = documents.refresh(page_ids)
        sent = sorted(set(page_ids) - set(outcome.failed))
        for engine in external_engines():
            with reported_as_command_error(engine):
                for start in range(0, len(sent), documents.BATCH_SIZE):
                    engine_updates.send(engine, sent[start : start + documents.BATCH_SIZE])
        self.stdout.write(
            _(
                "%(pages)d pages modifiées depuis le %(since)s : %(indexed)d indexées, %(removed)d retirées, "
                "%(failed)d en erreur, envoyées à %(engine)s en %(seconds).1f s."
            )
            % {
                "pages": len(page_ids),
                "since": timezone.localtime(since).strftime("%Y-%m-%d %H:%M"),
                "indexed": outcome.indexed,
                "removed": outcome.removed,
                "failed": len(outcome.failed),
                "engine": ", ".join(engine.name for engine in indexing_engines()),
                "seconds": time.perf_counter() - started,
            }
        )
        if outcome.failed:
            self.stderr.write(_("Pages en erreur : %s") % ", ".join(map(str, outcome.failed)))


@contextmanager
def reported_as_command_error(engine):
    """An engine that is down ends the command with one clear line, not a traceback."""
    try:
        yield
    except EngineUnavailable as error:
        message = _("Moteur %(engine)s indisponible : %(error)s")
        raise CommandError(message % {"engine": engine.name, "error": error}) from error


def since_date(value: str) -> datetime:
    """A date (from its midnight) or a date and time, in the site's time zone."""
    try:
        moment = parse_datetime(value) or (
            datetime.combine(day, datetime.min.time()) if (day := parse_date(value)) else None
        )
    except ValueError:
        moment = None
    if moment is None:
        raise argparse.ArgumentTypeError(
            _("« %(value)s » n'est pas une date : écrivez AAAA-MM-JJ ou AAAA-MM-JJTHH:MM.") % {"value": value}
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
