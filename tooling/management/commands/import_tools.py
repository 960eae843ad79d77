import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from tooling.importer import ToolImporter, read_rows
from tooling.models import ToolIndexPage


class Command(BaseCommand):
    help = "Import catalogue tools from JSON Lines or CSV (idempotent by external id)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="fichier .jsonl ou .csv (colonnes id, name, summary, description, section…)"
        )

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"Fichier introuvable : {source}")
        index = ToolIndexPage.objects.first()
        if index is None:
            raise CommandError("Aucune page « Outils » : créez le site d'abord (manage.py kb_demo).")
        total = None  # a CSV description may span lines, so only JSON Lines can be counted up front
        if source.suffix.lower() != ".csv":
            with source.open(encoding="utf-8") as handle:
                total = sum(1 for line in handle if line.strip())
        with tqdm(
            total=total, unit=" outils", disable=options["verbosity"] == 0, file=sys.stderr
        ) as progress:
            result = ToolImporter(index, progress=progress).run(read_rows(source))
        for number, message in result.errors:
            self.stderr.write(f"ligne {number} : erreur : {message}")
        for number, message in result.warnings:
            self.stderr.write(f"ligne {number} : avertissement : {message}")
        style = self.style.WARNING if result.errors else self.style.SUCCESS
        self.stdout.write(style(f"Import des outils : {result.summary()}"))
