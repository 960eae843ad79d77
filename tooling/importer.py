"""Bulk import of catalogue tools (JSON Lines or CSV shaped like the Debian corpus).

Creating 21,000 pages one by one with add_child takes ~17 minutes, so new tools are written
in bulk: treebeard paths are computed here, wagtailcore_page rows go in with bulk_create and
the tooling_toolpage rows (which Django will not bulk_create on a multi-table model) with one
executemany. Parents' numchild, url_path, draft_title, live and publication dates are set as
Wagtail itself would, so the pages are ordinary pages afterwards (editable, publishable, movable).
"""

import csv
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from core.events import pages_bulk_imported
from core.records import RecordError, json_lines
from tooling.catalogue import Catalogue
from tooling.categories import CATEGORIES, category_for_section
from tooling.matching import Entry, distinguishing_title
from tooling.models import ToolCategoryPage, ToolPage

BATCH_SIZE = 1000
LIMITS = {"name": 255, "summary": 300, "homepage": 300, "version": 100, "id": 150, "section": 50}
# Fields an import may change on an existing tool: Page field or ToolPage field -> record key.
UPDATED_FIELDS = {
    "title": "title",
    "summary": "summary",
    "description": "description",
    "website": "homepage",
    "version": "version",
    "source_section": "section",
}
# What a person may have written on a tool: an import fills these only where they are empty.
FILLED_FIELDS = {
    "summary": "summary",
    "description": "description",
    "website": "homepage",
    "version": "version",
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, message): record skipped
    warnings: list = field(default_factory=list)  # (line number, message): record imported anyway
    page_ids: list = field(default_factory=list)
    matched: int = 0  # hand-made tools a record was attached to (same tool), counted in updated
    twins: int = 0  # imported tools that have a hand-made twin already

    def summary(self):
        return (
            f"{self.created} créés, {self.updated} mis à jour, {self.unchanged} inchangés, "
            f"{len(self.errors)} en erreur, {len(self.warnings)} avertissements"
            + (f" ; {self.matched} rattachés à un outil existant (même outil)" if self.matched else "")
            + (f" ; {self.twins} en double : lancez manage.py merge_duplicates" if self.twins else "")
            + "."
        )


def read_rows(path):
    """(line number, dict or RecordError) for each record of a .jsonl or .csv file."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            yield from enumerate(csv.DictReader(handle), start=2)  # line 1 is the header
        else:
            yield from json_lines(handle)


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


def step_number(step: str) -> int:
    """A materialised-path step as a number, in the tree's own alphabet (Page.alphabet)."""
    base = len(Page.alphabet)
    number = 0
    for char in step:
        number = number * base + Page.alphabet.index(char)
    return number


def step_text(number: int) -> str:
    """The path step of a number: the inverse of step_number, padded to Page.steplen."""
    base, chars = len(Page.alphabet), []
    while number:
        number, digit = divmod(number, base)
        chars.append(Page.alphabet[digit])
    return "".join(reversed(chars)).rjust(Page.steplen, Page.alphabet[0])


class CategorySlot:
    """Where the next new child of a category goes: path step and free slugs. Paths are computed
    from the tree's public alphabet and step length (treebeard's own helpers are private); a test
    checks they are the ones add_child gives."""

    def __init__(self, category):
        self.category = category
        last = category.get_last_child()
        self.next_step = step_number(last.path[-Page.steplen :]) + 1 if last else 1
        self.slugs = set(Page.objects.child_of(category).values_list("slug", flat=True))
        self.added = 0

    def take_path(self):
        path = self.category.path + step_text(self.next_step)
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
    """Creates, updates or leaves alone one tool per record: the record's own tool (same external
    id), else the hand-made tool it is the same as (`tooling.matching`), else a new page."""

    def __init__(self, index, progress=None):
        self.index = index
        self.progress = progress  # a tqdm-like object with update(n), or None
        self.result = ImportResult()
        self.now = timezone.now()

    def run(self, rows):
        categories = ensure_categories(self.index)
        slots = {slug: CategorySlot(page) for slug, page in categories.items()}
        self.category_titles = {slug: page.title for slug, page in categories.items()}
        catalogue = Catalogue.load()
        records = self.clean(rows)
        targets = self.targets(records, catalogue)
        names = defaultdict(list)
        for record in records:
            names[record["entry"].name_key].append(record["entry"])
        current = {
            row["pk"]: row
            for row in ToolPage.objects.filter(external_id__isnull=False).values(
                "pk", "latest_revision_id", *UPDATED_FIELDS
            )
        }
        to_create, to_update, to_fill = [], [], []
        for record in records:
            pk = targets.get(record["id"])
            record["title"] = self.title(record, catalogue, names, pk)
            if pk is None:
                to_create.append(record)
            elif catalogue.entries[pk].external_id and current[pk]["latest_revision_id"] is None:
                # Made by an import and saved by nobody since: it follows its source.
                if any(current[pk][name] != record[key] for name, key in UPDATED_FIELDS.items()):
                    to_update.append((pk, record))
                else:
                    self.result.unchanged += 1
            else:
                to_fill.append((pk, record))
        with transaction.atomic():
            self.create(to_create, slots)
            self.update(to_update)
            self.fill(to_fill)
        if self.result.page_ids:
            pages_bulk_imported.send(sender=ToolPage, page_ids=list(self.result.page_ids))
        if self.result.created:
            refresh_planner_statistics()
        return self.result

    def clean(self, rows):
        """The valid records, each with its matching `entry`; errors are noted in the result."""
        records, seen = [], {}
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
            record["number"] = number
            record["entry"] = Entry(
                name=record["name"],
                homepage=record["homepage"],
                category=category_for_section(record["section"]).slug,
                external_id=record["id"],
            )
            records.append(record)
        return records

    def targets(self, records, catalogue):
        """External id -> pk of the existing tool each record updates. A hand-made tool goes to the
        record most surely the same tool; when several records are equally sure (packages sharing a
        home page), none of them takes it."""
        targets, proposals = {}, defaultdict(list)
        for record in records:
            pk = catalogue.by_external_id.get(record["id"])
            found = catalogue.candidates(record["entry"])
            if pk is not None:
                targets[record["id"]] = pk
                self.result.twins += bool(found)  # made before imports matched: merge_duplicates
                continue
            if found:
                strength, pk = max(found, key=lambda item: (item[0], -item[1]))
                proposals[pk].append((strength, record))
        for pk, offers in proposals.items():
            best = max(strength for strength, _record in offers)
            chosen = [record for strength, record in offers if strength == best]
            if len(chosen) == 1:
                targets[chosen[0]["id"]] = pk
                self.result.matched += 1
                continue
            ids = ", ".join(record["id"] for record in chosen)
            self.result.warnings.append(
                (
                    chosen[0]["number"],
                    f"« {catalogue.rows[pk]['title']} » ressemble autant à {ids} : "
                    "aucun n'y est rattaché, chacun a sa fiche.",
                )
            )
        return targets

    def title(self, record, catalogue, names, pk):
        """The record's name, or a distinguishing title when other tools bear the same name."""
        entry = record["entry"]
        namesakes = catalogue.namesakes(entry, own_pk=pk)
        namesakes += [other for other in names[entry.name_key] if other is not entry]
        if not namesakes:
            return record["name"]
        category = self.category_titles.get(entry.category, entry.category)
        return distinguishing_title(entry, namesakes, category)[: LIMITS["name"]]

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
            title=record["title"],
            draft_title=record["title"],
            slug=slug,
            content_type=content_type,
            url_path=f"{slot.category.url_path}{slug}/",
        )

    def tool_values(self, page_id, record):
        free = is_free(record)
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

    def fill(self, changes):
        """Tools a person made or saved: fill their empty fields, note the record's external id and
        section, change nothing anyone wrote. Saved as a new revision (published when the live page
        was the latest version), so the next save in the admin keeps it."""
        for pk, record in changes:
            tool = ToolPage.objects.get(pk=pk)
            live_is_latest = tool.live and not tool.has_unpublished_changes
            draft = tool.get_latest_revision_as_object() if tool.latest_revision_id else tool
            if not fill_fields(draft, record):
                self.result.unchanged += 1
                continue
            if tool.latest_revision_id is None:
                draft.save()
            else:
                revision = draft.save_revision(log_action=True)
                if live_is_latest:
                    revision.publish()
            self.result.updated += 1
            self.result.page_ids.append(pk)


def is_free(record):
    return record["source"].lower().startswith("debian")  # Debian main is free software only


def fill_fields(tool, record):
    """Set on `tool` what the record adds without overwriting anything; True if something changed."""
    values = {name: record[key] for name, key in FILLED_FIELDS.items() if not getattr(tool, name)}
    values["external_id"] = tool.external_id or record["id"]
    values["source_section"] = record["section"]
    if is_free(record):
        if tool.licence_kind == ToolPage.LicenceKind.UNKNOWN:
            values["licence_kind"] = ToolPage.LicenceKind.FREE
        if tool.pricing == ToolPage.Pricing.UNKNOWN:
            values["pricing"] = ToolPage.Pricing.FREE
    changed = {name: value for name, value in values.items() if value and getattr(tool, name) != value}
    for name, value in changed.items():
        setattr(tool, name, value)
    return bool(changed)
