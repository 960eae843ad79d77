"""Practices as Markdown files with YAML front matter, both ways.

The layout is the one `export.md` produces and `import_practices` reads back:

    ---
    kind: checklist
    title: Mise en production
    ...
    ---
    Introduction text.

    ## Section title
    - [ ] A criterion [bloquant]
      Vérifier : how to check it
"""

import re

from wagtail.rich_text import expand_db_html

import markdown
import nh3
import yaml
from bs4 import BeautifulSoup, NavigableString

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
BLOCKING_MARK = " [bloquant]"
VERIFY_PREFIX = "Vérifier : "
TIP_PREFIX = "> **Astuce :** "
WARNING_PREFIX = "> **Attention :** "
HEADINGS = {"context_goal": "Contexte et objectif", "prerequisites": "Prérequis", "steps": "Étapes"}
STEP_HEADING = re.compile(r"^### (?:\d+\.\s*)?(.+)$")
ITEM_LINE = re.compile(r"^- \[[ xX]\] (.+)$")
# What rich text fields accept from imported Markdown (the features editors have).
RICH_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "code"}


class MarkdownFormatError(ValueError):
    pass


# --- export --------------------------------------------------------------------------------------


def html_to_markdown(html):
    """Wagtail rich text (database format) to Markdown, for the few features editors use."""
    soup = BeautifulSoup(expand_db_html(str(html or "")), "html.parser")
    blocks = [_block(node) for node in soup.children]
    return "\n\n".join(block for block in blocks if block.strip()).strip()


def _block(node):
    if isinstance(node, NavigableString):
        return str(node).strip()
    if node.name in ("ul", "ol"):
        lines = []
        for number, item in enumerate(node.find_all("li", recursive=False), start=1):
            marker = f"{number}." if node.name == "ol" else "-"
            lines.append(f"{marker} {_inline(item).strip()}")
        return "\n".join(lines)
    if node.name in ("h2", "h3", "h4", "h5", "h6"):
        return "#" * (int(node.name[1]) + 1) + " " + _inline(node).strip()
    return _inline(node).strip()


def _inline(node):
    if isinstance(node, NavigableString):
        return str(node)
    text = "".join(_inline(child) for child in node.children)
    wrappers = {"b": "**", "strong": "**", "i": "_", "em": "_", "code": "`"}
    if node.name in wrappers and text.strip():
        mark = wrappers[node.name]
        return f"{mark}{text}{mark}"
    if node.name == "a" and node.get("href"):
        return f"[{text}]({node['href']})"
    if node.name == "br":
        return "  \n"
    return text


def export_page(page):
    """The Markdown file of a procedure or checklist."""
    meta = {
        "kind": page.search_kind,
        "title": page.title,
        "external_id": page.external_id or f"coopkb-{page.translation_key}",
        "category": page.get_parent().title,
        "summary": page.summary,
        "tags": [tag.name for tag in page.tags.all()],
        "cooperative": page.author_cooperative.slug if page.author_cooperative else None,
        "visibility": page.visibility,
        "maturity": page.maturity,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "review_interval_months": page.review_interval_months,
    }
    if page.provenance:
        meta["provenance"] = page.provenance
    body = _procedure_body(page, meta) if meta["kind"] == "procedure" else _checklist_body(page)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    return f"---\n{front}\n---\n\n{body.strip()}\n"


def _procedure_body(page, meta):
    meta["roles"] = page.roles
    parts = []
    for field in ("context_goal", "prerequisites"):
        text = html_to_markdown(getattr(page, field))
        if text:
            parts.append(f"## {HEADINGS[field]}\n\n{text}")
    if page.steps:
        parts.append(f"## {HEADINGS['steps']}")
        for number, step in enumerate(page.steps, start=1):
            value = step.value
            lines = [f"### {number}. {value['title']}", "", html_to_markdown(value["instructions"])]
            if value["tip"]:
                lines += ["", TIP_PREFIX + " ".join(value["tip"].split())]
            if value["warning"]:
                lines += ["", WARNING_PREFIX + " ".join(value["warning"].split())]
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _checklist_body(page):
    parts = [html_to_markdown(page.introduction)] if page.introduction else []
    for section in page.sections:
        lines = [f"## {section.value['title']}", ""]
        for item in section.value["items"]:
            mark = BLOCKING_MARK if item["blocking"] else ""
            lines.append(f"- [ ] {' '.join(item['criterion'].split())}{mark}")
            verification = item["verification"].strip().splitlines()
            for number, line in enumerate(verification):
                lines.append("  " + (VERIFY_PREFIX if number == 0 else "") + line)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


# --- import --------------------------------------------------------------------------------------


def markdown_to_richtext(text):
    html = markdown.markdown(text.strip(), extensions=["sane_lists"])
    return nh3.clean(
        html, tags=RICH_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}
    )


def split_front_matter(text):
    match = FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        raise MarkdownFormatError("front matter YAML manquant (--- … ---) / missing YAML front matter")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise MarkdownFormatError(f"front matter YAML invalide / invalid YAML: {error}") from error
    if not isinstance(meta, dict):
        raise MarkdownFormatError(
            "le front matter doit être un dictionnaire / front matter must be a mapping"
        )
    return meta, text[match.end() :]


def _sections(body):
    """(heading, text) pairs split on level-2 headings; the text before any heading has heading ""."""
    pairs, heading, lines = [], "", []
    for line in body.splitlines():
        if line.startswith("## "):
            pairs.append((heading, "\n".join(lines)))
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    pairs.append((heading, "\n".join(lines)))
    return [(h, t) for h, t in pairs if h or t.strip()]


def parse_checklist_body(body):
    """Introduction (rich text) and section values from a checklist's Markdown body."""
    introduction, sections = "", []
    for heading, text in _sections(body):
        if not heading:
            introduction = markdown_to_richtext(text)
            continue
        items = []
        for line in text.splitlines():
            match = ITEM_LINE.match(line)
            if match:
                criterion = match.group(1).strip()
                blocking = criterion.endswith(BLOCKING_MARK.strip())
                if blocking:
                    criterion = criterion[: -len(BLOCKING_MARK.strip())].strip()
                items.append({"criterion": criterion, "verification": "", "blocking": blocking})
            elif line.startswith("  ") and items and line.strip():
                # Indented lines under an item: "Vérifier : …" then its continuation lines.
                item, extra = items[-1], line.strip()
                if not item["verification"]:
                    extra = extra.removeprefix(VERIFY_PREFIX.strip()).strip()
                item["verification"] = f"{item['verification']}\n{extra}".strip()
        if not items:
            raise MarkdownFormatError(f"la section « {heading} » n'a aucun critère / section has no items")
        sections.append({"title": heading, "items": items})
    return introduction, sections


def parse_procedure_body(body):
    """Rich text fields and step values from a procedure's Markdown body.

    Known headings (Contexte et objectif, Prérequis, Étapes) map to their fields; any other
    text is kept in the context so nothing written is lost.
    """
    fields = {"context_goal": [], "prerequisites": [], "steps": []}
    by_heading = {title: field for field, title in HEADINGS.items()}
    for heading, text in _sections(body):
        field = by_heading.get(heading)
        if field == "steps":
            fields["steps"] = _parse_steps(text)
        elif field:
            fields[field].append(text)
        else:
            fields["context_goal"].append(f"## {heading}\n\n{text}" if heading else text)
    return {
        "context_goal": markdown_to_richtext("\n\n".join(fields["context_goal"])),
        "prerequisites": markdown_to_richtext("\n\n".join(fields["prerequisites"])),
        "steps": fields["steps"],
    }


def _parse_steps(text):
    steps = []
    for line in text.splitlines():
        match = STEP_HEADING.match(line)
        if match:
            steps.append({"title": match.group(1).strip(), "lines": [], "tip": "", "warning": ""})
        elif steps and line.startswith(TIP_PREFIX):
            steps[-1]["tip"] = line.removeprefix(TIP_PREFIX).strip()
        elif steps and line.startswith(WARNING_PREFIX):
            steps[-1]["warning"] = line.removeprefix(WARNING_PREFIX).strip()
        elif steps:
            steps[-1]["lines"].append(line)
    return [
        {
            "title": step["title"],
            "instructions": markdown_to_richtext("\n".join(step["lines"])),
            "tip": step["tip"],
            "warning": step["warning"],
            "tool": None,
        }
        for step in steps
    ]
