from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from core.records import RecordError
from practices.importers import PracticeImporter, read_records
from practices.models import PracticeIndexPage


class Command(BaseCommand):
    help = (
        "Import procedures and checklists from a folder of Markdown files (YAML front matter) "
        "or a JSON Lines file shaped like the procedures corpus. Idempotent by external_id."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="dossier de fichiers .md ou fichier .jsonl")
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, path, no_progress=False, **options):
        index = PracticeIndexPage.objects.first()
        if index is None:
            raise CommandError("Aucune page « Pratiques » : lancez d'abord kb_demo ou créez-la.")
        try:
            records = read_records(path)
        except (RecordError, OSError) as error:
            raise CommandError(str(error)) from error

        importer = PracticeImporter(index)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        errors = []
        for label, record in tqdm(records, desc="Pratiques", unit="fiche", disable=no_progress):
            if isinstance(record, Exception):
                errors.append((label, str(record)))
                continue
            try:
                counts[importer.save(record)] += 1
            except (RecordError, ValidationError) as error:
                errors.append((label, "; ".join(getattr(error, "messages", [str(error)]))))

        for label, message in errors:
            self.stderr.write(f"  {label} : {message}")
        summary = (
            f"{counts['created']} créées, {counts['updated']} mises à jour, "
            f"{counts['unchanged']} inchangées, {len(errors)} en erreur."
        )
        self.stdout.write(self.style.WARNING(summary) if errors else self.style.SUCCESS(summary))
