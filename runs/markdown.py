"""A run as Markdown: its project, the checklist version, every item and its answer."""

from django.utils import formats
from django.utils.translation import gettext as _


def _line(text):
    return " ".join(str(text).split())


def run_markdown(run, answers, evidence_named) -> str:
    """`answers` by item id; `evidence_named`: whether the reader may see evidence file names."""
    lines = [f"# {_line(run.project)}", ""]
    facts = [
        (_("Liste"), run.checklist.title),
        (_("Client"), run.client),
        (_("Date"), formats.date_format(run.date, "SHORT_DATE_FORMAT")),
        (_("Participants"), run.participants),
        (_("État"), _("close") if run.closed else _("en cours")),
    ]
    lines += [f"- **{label}** : {_line(value)}" for label, value in facts if value]
    section = None
    for item in run.items:
        if item["section"] != section:
            section = item["section"]
            lines += ["", f"## {_line(section)}", ""]
        answer = answers.get(item["id"])
        status = answer.get_status_display() if answer and answer.status else _("sans réponse")
        blocking = f" ({_('bloquant')})" if item["blocking"] else ""
        lines.append(f"- [{status}] {_line(item['criterion'])}{blocking}")
        if answer and answer.note:
            lines.append(f"  - {_('Note')} : {_line(answer.note)}")
        if answer and answer.link:
            lines.append(f"  - {_('Preuve')} : <{answer.link}>")
        if answer and answer.evidence_name and evidence_named:
            lines.append(f"  - {_('Fichier')} : {_line(answer.evidence_name)}")
    return "\n".join(lines) + "\n"
