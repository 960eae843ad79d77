"""« Voir les changements »: what changed between two published versions of a procedure or a
checklist — steps and criteria added, removed, changed, text differences inline (<ins>/<del>).

Steps and criteria are matched by their StreamField block ids, which stay the same from one version
to the next (a moved step is the same step); a block without an id is matched by its title.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.access import can_read_version
from core.numbers import parse_positive_int

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Part:
    """One thing that can change: a field of the page, a step, a criterion."""

    key: str
    label: str
    text: str


@dataclass
class Change:
    label: str
    status: str  # "added", "removed", "changed"
    text: SafeString


@dataclass
class Comparison:
    older: object  # Revision
    newer: object
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    notes: list[tuple[object, str]] = field(default_factory=list)  # (revision, change note) newest first


def inline_diff(old: str, new: str) -> SafeString:
    """`new` with what left it in <del> and what came in <ins>, word by word, escaped."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    html = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, before, after, autojunk=False
    ).get_opcodes():
        removed, added = escape("".join(before[i1:i2])), escape("".join(after[j1:j2]))
        if operation == "equal":
            html.append(added)
            continue
        if removed.strip():
            html.append(f"<del>{removed}</del>")
        if added.strip():
            html.append(f"<ins>{added}</ins>")
    return mark_safe("".join(html))  # noqa: S308 - every piece of text above is escaped


def parts(page) -> list[Part]:
    """What a version says, as comparable parts (page.comparable_parts(): each page type's own)."""
    return [Part(*part) for part in page.comparable_parts()]


def compare(older_page, newer_page) -> tuple[list[Change], int]:
    old = {part.key: part for part in parts(older_page)}
    new = parts(newer_page)
    changes, unchanged, seen = [], 0, set()
    for part in new:
        before = old.get(part.key)
        if before is None:
            changes.append(Change(part.label, "added", inline_diff("", part.text)))
            continue
        seen.add(part.key)
        if before.text == part.text:
            unchanged += 1
        else:
            changes.append(Change(part.label, "changed", inline_diff(before.text, part.text)))
    for key, part in old.items():
        if key not in seen:
            changes.append(Change(part.label, "removed", inline_diff(part.text, "")))
    return changes, unchanged


def readable_versions(request, page) -> list:
    """The published versions this reader may see, newest first."""
    revisions = page.revisions.filter(pk__in=page.published_revision_ids()).order_by("-created_at", "-pk")
    return [revision for revision in revisions if can_read_version(request, page, revision)]


def comparison(request, page, older_id, newer_id) -> tuple[Comparison | None, list, str]:
    """(the comparison, the versions to choose from, an error message) for the ids typed (text)."""
    versions = readable_versions(request, page)
    if len(versions) < 2:
        return None, versions, _("Cette page n'a qu'une version publiée : rien à comparer.")
    by_id = {revision.pk: revision for revision in versions}
    newer_id = parse_positive_int(newer_id) if newer_id else versions[0].pk
    older_id = parse_positive_int(older_id) if older_id else None
    newer = by_id.get(newer_id)
    if older_id is None and newer is not None:
        position = versions.index(newer)
        older_id = versions[position + 1].pk if position + 1 < len(versions) else None
    older = by_id.get(older_id)
    if newer is None or older is None:
        return None, versions, _("Choisissez deux versions publiées de cette page dans les listes.")
    if versions.index(older) < versions.index(newer):
        older, newer = newer, older  # always from the older to the newer
    result = Comparison(older=older, newer=newer)
    result.changes, result.unchanged = compare(older.as_object(), newer.as_object())
    between = versions[versions.index(newer) : versions.index(older)]
    result.notes = [(revision, revision.content.get("change_note") or "") for revision in between]
    return result, versions, ""
