"""Bulk import of catalogue tools (JSON Lines or CSV shaped like the Debian corpus).

Creating 21,000 pages one by one with add_child takes ~17 minutes, so new tools are written
in bulk: treebeard paths are computed here, wagtailcore_page rows go in with bulk_create and
the tooling_toolpage rows (which Django will not bulk_create on a multi-table model) with one
executemany. Parents' numchild, url_path, draft_title, live and publication dates are set as
Wagtail itself would, so the pages are ordinary pages afterwards (editable, publishable, movable).
"""

import csv
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from kb.events import pages_bulk_imported
from tooling.categories import CATEGORIES, category_for_section
from tooling.models import ToolCategoryPage, ToolPage

BATCH_SIZE = 1000
LIMITS = {"name": 255, "summary": 300, "homepage": 300, "version": 100, "id": 150, "section": 50}
# Fields an import may change on an existing tool: Page field or ToolPage field -> record key.
UPDATED_FIELDS = {
    "title": "name",
    "summary": "summary",
    "description": "description",
    "website": "homepage",
    "version": "version",
    "source_section": "section",
}


class RecordError(ValueError):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, message): record skipped
    warnings: list = field(default_factory=list)  # (line number, message): record imported anyway
    page_ids: list = field(default_factory=list)

    def summary(self):
        return (
            f"{self.created} créés, {self.updated} mis à jour, {self.unchanged} inchangés, "
            f"{len(self.errors)} en erreur, {len(self.warnings)} avertissements."
        )


def read_rows(path):
    """(line number, dict or RecordError) for each record of a .jsonl or .csv file."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield number, row
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, RecordError(f"JSON invalide ({error.msg}, colonne {error.colno}).")
                continue
            yield number, row if isinstance(row, dict) else RecordError("la ligne n'est pas un objet JSON.")


def clean_record(row, warn):
    """Check one raw record and return it with only the keys the importer uses, stripped.

    A bad home page (corpus: "http://http://…", gopher://) is dropped with a warning rather
    than losing the whole tool.
    """
    record = {
        key: str(row.get(key) or "").strip()
        for key in ("id", "name", "summary", "description", "section", "homepage", "version", "source")
    }
    if not record["id"]:
        raise RecordError("identifiant (id) manquant.")
    if not record["name"]:
        raise RecordError(f"{record['id']} : nom (name) manquant.")
    for key, limit in LIMITS.items():
        if len(record[key]) > limit:
            raise RecordError(
                f"{record['id']} : champ {key} trop long ({len(record[key])} > {limit} caractères)."
            )
    if record["homepage"]:
        try:
            URLValidator()(record["homepage"])  # the same schemes as URLField
        except ValidationError:
            warn(f"{record['id']} : adresse du site ignorée, invalide ({record['homepage']}).")
            record["homepage"] = ""
    return record


def ensure_categories(index):
    """The category pages under Outils, created (and published) when missing: slug -> page."""
    existing = {page.slug: page for page in ToolCategoryPage.objects.child_of(index)}
    for category in CATEGORIES:
        if category.slug not in existing:
            page = ToolCategoryPage(title=category.name, slug=category.slug)
            index.add_child(instance=page)
            page.save_revision().publish()
            existing[category.slug] = page
    return {slug: ToolCategoryPage.objects.get(pk=page.pk) for slug, page in existing.items()}


class CategorySlot:
    """Where the next new child of a category goes: path step and free slugs."""

    def __init__(self, category):
        self.category = category
        last = category.get_last_child()
        self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.slugs = set(Page.objects.child_of(category).values_list("slug", flat=True))
        self.added = 0

    def take_path(self):
        path = Page._get_path(self.category.path, self.category.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return path

    def take_slug(self, record):
        base = slugify(record["name"]) or slugify(record["id"]) or "outil"
        slug, suffix = base, 2
        while slug in self.slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        self.slugs.add(slug)
        return slug


def refresh_planner_statistics():
    """ANALYZE after a bulk load, as PostgreSQL's manual advises: until autovacuum gets to it, the
    planner believes the page and index tables nearly empty and picks nested loops over 21,000
    rows (the admin's page search took 3 s a request instead of 0.3 s on the corpus)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class ToolImporter:
    def __init__(self, index, progress=None):
        self.index = index
        self.progress = progress  # a tqdm-like object with update(n), or None
        self.result = ImportResult()
        self.now = timezone.now()

    def run(self, rows):
        categories = ensure_categories(self.index)
        slots = {slug: CategorySlot(page) for slug, page in categories.items()}
        existing = {
            row["external_id"]: row
            for row in ToolPage.objects.filter(external_id__isnull=False).values(
                "pk", "external_id", *UPDATED_FIELDS
            )
        }
        seen = {}
        to_create, to_update = [], []
        for number, row in rows:
            if self.progress is not None:
                self.progress.update(1)
            try:
                if isinstance(row, RecordError):
                    raise row
                record = clean_record(
                    row, lambda message, n=number: self.result.warnings.append((n, message))
                )
                if record["id"] in seen:
                    raise RecordError(
                        f"{record['id']} : identifiant déjà présent ligne {seen[record['id']]}."
                    )
            except RecordError as error:
                self.result.errors.append((number, str(error)))
                continue
            seen[record["id"]] = number
            current = existing.get(record["id"])
            if current is None:
                to_create.append(record)
            elif any(current[name] != record[key] for name, key in UPDATED_FIELDS.items()):
                to_update.append((current["pk"], record))
            else:
                self.result.unchanged += 1
        with transaction.atomic():
            self.create(to_create, slots)
            self.update(to_update)
        if self.result.page_ids:
            pages_bulk_imported.send(sender=ToolPage, page_ids=list(self.result.page_ids))
        if self.result.created:
            refresh_planner_statistics()
        return self.result

    def page_row(self, record, slot, content_type):
        slug = slot.take_slug(record)
        return Page(
            path=slot.take_path(),
            depth=slot.category.depth + 1,
            numchild=0,
            translation_key=uuid.uuid4(),
            locale_id=slot.category.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=self.now,
            last_published_at=self.now,
            title=record["name"],
            draft_title=record["name"],
            slug=slug,
            content_type=content_type,
            url_path=f"{slot.category.url_path}{slug}/",
        )

    def tool_values(self, page_id, record):
        free = record["source"].lower().startswith("debian")  # Debian main is free software only
        tool = ToolPage(
            website=record["homepage"],
            summary=record["summary"],
            description=record["description"],
            licence_spdx="",
            licence_kind=ToolPage.LicenceKind.FREE if free else ToolPage.LicenceKind.UNKNOWN,
            self_hostable=False,
            pricing=ToolPage.Pricing.FREE if free else ToolPage.Pricing.UNKNOWN,
            version=record["version"],
            external_id=record["id"],
            source_section=record["section"],
        )
        tool.page_ptr_id = page_id
        return [
            field.get_db_prep_save(getattr(tool, field.attname), connection)
            for field in ToolPage._meta.local_concrete_fields
        ]

    def create(self, records, slots):
        content_type = ContentType.objects.get_for_model(ToolPage)
        table = connection.ops.quote_name(ToolPage._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in ToolPage._meta.local_concrete_fields)
        placeholders = ", ".join(["%s"] * len(ToolPage._meta.local_concrete_fields))
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from _meta)
        for start in range(0, len(records), BATCH_SIZE):
            batch = records[start : start + BATCH_SIZE]
            pages = Page.objects.bulk_create(
                [
                    self.page_row(r, slots[category_for_section(r["section"]).slug], content_type)
                    for r in batch
                ]
            )
            with connection.cursor() as cursor:
                cursor.executemany(
                    insert, [self.tool_values(p.pk, r) for p, r in zip(pages, batch, strict=True)]
                )
            self.result.page_ids.extend(page.pk for page in pages)
            self.result.created += len(pages)
        for slot in slots.values():
            if slot.added:
                Page.objects.filter(pk=slot.category.pk).update(numchild=slot.category.numchild + slot.added)

    def update(self, changes):
        if not changes:
            return
        tools = ToolPage.objects.in_bulk([pk for pk, _record in changes])
        changed = []
        for pk, record in changes:
            tool = tools[pk]
            for name, key in UPDATED_FIELDS.items():
                setattr(tool, name, record[key])
            tool.draft_title = tool.title
            changed.append(tool)
        Page.objects.bulk_update(changed, ["title", "draft_title"], batch_size=BATCH_SIZE)
        local = [name for name in UPDATED_FIELDS if name != "title"]
        ToolPage.objects.bulk_update(changed, local, batch_size=BATCH_SIZE)
        self.result.updated += len(changed)
        self.result.page_ids.extend(pk for pk, _record in changes)
