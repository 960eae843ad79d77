"""Read practice records from Markdown folders or JSON Lines files, and save them as pages.

A record is a plain dict (kind, external_id, title, category, summary, tags, cooperative,
visibility, fields); saving it is idempotent thanks to `external_id` and a fingerprint of the
record, so a re-run leaves unchanged pages alone.
"""

import hashlib
import json
import re
import uuid
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from core.records import RecordError, json_lines
from kb.models import CooperativePage
from practices.markdown_io import (
    MarkdownFormatError,
    parse_checklist_body,
    parse_procedure_body,
    split_front_matter,
)
from practices.models import ChecklistPage, Maturity, PracticeCategoryPage, ProcedurePage, Visibility
from practices.structure import structure
from tooling.matching import normalise_name

MODELS = {"procedure": ProcedurePage, "checklist": ChecklistPage}
CHAPTER_NUMBER = re.compile(r"^(?:Chapitre|Annexe)\s+[\w]+\.\s*")
DEFAULT_CATEGORY = "Divers"
NATIVE_PREFIX = "coopkb-"


# --- reading -------------------------------------------------------------------------------------


def read_records(path):
    """(label, record or RecordError) pairs for a .jsonl file or a folder of .md files."""
    path = Path(path)
    if path.is_dir():
        return [(file.name, _markdown_record(file)) for file in sorted(path.glob("*.md"))]
    if path.suffix == ".jsonl":
        return list(_jsonl_records(path))
    raise RecordError(_("%(path)s : ni un dossier de .md ni un fichier .jsonl.") % {"path": path})


def _jsonl_records(path):
    with path.open(encoding="utf-8") as lines:
        for number, data in json_lines(lines):
            if isinstance(data, RecordError):
                yield _("ligne %(number)s") % {"number": number}, data
                continue
            label = _("ligne %(number)s (%(id)s)") % {"number": number, "id": data.get("id", "?")}
            try:
                yield label, corpus_record(data)
            except RecordError as error:
                yield label, error


def corpus_record(data):
    """A record of the procedures corpus (handbook sections) as a procedure."""
    missing = [key for key in ("id", "title", "body") if not str(data.get(key) or "").strip()]
    if missing:
        raise RecordError(_("champ(s) manquant(s) : %(fields)s") % {"fields": ", ".join(missing)})
    not_text = [key for key, value in data.items() if not isinstance(value, str)]
    if not_text:
        raise RecordError(_("champ(s) non textuel(s) : %(fields)s") % {"fields": ", ".join(not_text)})
    paragraphs = [p.strip() for p in data["body"].split("\n\n") if p.strip()]
    structured = structure(data["body"])
    chapter = CHAPTER_NUMBER.sub("", data.get("chapter") or "").strip()
    provenance = " · ".join(str(data[key]) for key in ("source", "license") if data.get(key))
    return {
        "kind": "procedure",
        "external_id": data["id"],
        "title": data["title"],
        "category": chapter or DEFAULT_CATEGORY,
        "summary": Truncator(" ".join(paragraphs[0].split())).chars(280),
        "tags": [],
        "cooperative": None,
        "visibility": Visibility.PUBLIC,
        "fields": {**structured, "provenance": provenance[:500]},
    }


def _markdown_record(file):
    try:
        meta, body = split_front_matter(file.read_text(encoding="utf-8"))
        return markdown_record(meta, body, default_id=f"md-{slugify(file.stem)}")
    except (MarkdownFormatError, UnicodeDecodeError) as error:
        return RecordError(str(error))
    except RecordError as error:
        return error


def markdown_record(meta, body, default_id):
    kind = meta.get("kind") or "procedure"
    if kind not in MODELS:
        raise RecordError(_("kind « %(kind)s » inconnu (procedure ou checklist)") % {"kind": kind})
    title = str(meta.get("title") or "").strip()
    if not title:
        raise RecordError(_("titre manquant"))
    visibility = meta.get("visibility") or Visibility.PUBLIC
    if visibility not in Visibility.values:
        raise RecordError(
            _("visibilité « %(visibility)s » inconnue (public ou members)") % {"visibility": visibility}
        )
    maturity = meta.get("maturity") or Maturity.DRAFT
    if maturity not in Maturity.values:
        raise RecordError(_("maturité « %(maturity)s » inconnue") % {"maturity": maturity})
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tag.strip() for tag in tags.split(",")]
    fields = {"maturity": maturity, "provenance": str(meta.get("provenance") or "")[:500]}
    if meta.get("review_interval_months"):
        try:
            fields["review_interval_months"] = int(meta["review_interval_months"])
        except (TypeError, ValueError) as error:
            raise RecordError(_("review_interval_months doit être un nombre")) from error
    if meta.get("last_reviewed"):
        fields["last_reviewed"] = str(meta["last_reviewed"])
    try:
        if kind == "checklist":
            fields["introduction"], sections = parse_checklist_body(body)
            fields["sections"] = [{"type": "section", "value": section} for section in sections]
        else:
            parsed = parse_procedure_body(body)
            fields["roles"] = str(meta.get("roles") or "")[:255]
            fields["context_goal"] = parsed["context_goal"]
            fields["prerequisites"] = parsed["prerequisites"]
            fields["steps"] = [{"type": "step", "value": step} for step in parsed["steps"]]
    except MarkdownFormatError as error:
        raise RecordError(str(error)) from error
    return {
        "kind": kind,
        "external_id": str(meta.get("external_id") or default_id),
        "title": title,
        "category": str(meta.get("category") or DEFAULT_CATEGORY),
        "summary": str(meta.get("summary") or "")[:300],
        "tags": [str(tag) for tag in tags if str(tag).strip()],
        "cooperative": meta.get("cooperative") or None,
        "visibility": visibility,
        "fields": fields,
    }


# --- saving --------------------------------------------------------------------------------------


def fingerprint(record):
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()


def find_existing(record):
    """The page a record updates: by external id (or Wagtail key, for exports of native pages),
    else the page with the same title and the same source (a copy made before external ids)."""
    external_id = record["external_id"]
    key = _native_key(external_id)
    for model in MODELS.values():
        page = model.objects.filter(external_id=external_id).first()
        if page is None and key is not None:
            page = model.objects.filter(translation_key=key).first()
        if page is not None:
            return page
    provenance = record["fields"].get("provenance")
    if not provenance:
        return None
    title = normalise_name(record["title"])
    for model in MODELS.values():
        for page in model.objects.filter(provenance=provenance).order_by(
            F("external_id").asc(nulls_first=True), "pk"
        ):
            if normalise_name(page.title) == title:
                return page
    return None


def _native_key(external_id):
    """The Wagtail translation key in a "coopkb-<uuid>" id (what exports of native pages carry)."""
    if not external_id.startswith(NATIVE_PREFIX):
        return None
    try:
        return uuid.UUID(external_id.removeprefix(NATIVE_PREFIX))
    except ValueError:
        return None


class PracticeImporter:
    """Saves records under the practices index, creating category pages as needed."""

    def __init__(self, index):
        self.index = index
        self.categories = {}

    def category(self, title):
        slug = slugify(title)[:80] or "divers"
        if slug not in self.categories:
            page = PracticeCategoryPage.objects.child_of(self.index).filter(slug=slug).first()
            if page is None:
                page = PracticeCategoryPage(title=title[:255], slug=slug)
                self.index.add_child(instance=page)
                page.save_revision().publish()
            self.categories[slug] = page
        return self.categories[slug]

    def save(self, record):
        """Create or update one page; returns "created", "updated" or "unchanged"."""
        try:
            with transaction.atomic():
                return self._save(record)
        except Exception:
            # The rolled-back transaction may have made categories or changed tree counters:
            # forget the in-memory copies so the next record starts from the database.
            self.categories.clear()
            self.index.refresh_from_db()
            raise

    def _save(self, record):
        digest = fingerprint(record)
        model = MODELS[record["kind"]]
        page = find_existing(record)
        if page is not None and not isinstance(page, model):
            raise RecordError(
                f"« {record['external_id']} » existe déjà comme {page.get_verbose_name()} "
                "/ already exists with another kind"
            )
        if page is not None and page.import_fingerprint == digest:
            return "unchanged"
        cooperative = None
        if record["cooperative"]:
            cooperative = CooperativePage.objects.filter(slug=record["cooperative"]).first()
            if cooperative is None:
                raise RecordError(_("coopérative « %(slug)s » inconnue") % {"slug": record["cooperative"]})
        created = page is None
        if len(record["title"]) > 255:
            raise RecordError(_("titre de plus de 255 caractères"))
        if created:
            # Corpus ids make stable, readable slugs; exports of native pages carry a UUID instead.
            native = _native_key(record["external_id"]) is not None
            page = model(slug=slugify(record["title"] if native else record["external_id"])[:255])
        page.title = record["title"]
        page.summary = record["summary"] or Truncator(record["title"]).chars(280)
        page.author_cooperative = cooperative
        page.visibility = record["visibility"]
        page.external_id = page.external_id or record["external_id"]
        for name, value in record["fields"].items():
            setattr(page, name, value)
        page.import_fingerprint = digest
        page.tags.set(record["tags"])
        if created:
            self.category(record["category"]).add_child(instance=page)
        page.save_revision(log_action=True).publish()
        return "created" if created else "updated"
