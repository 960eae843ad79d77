"""The run page's items as HTML, written here rather than in a template loop.

A checklist may have 200 items, each a small form of some forty template nodes: Django's template
engine took ten times the page's 50 ms budget (bench/runs.py), format_html still twice. The markup
is the one a template would write; every label is translated and escaped once per page, every
value from the run or the reader goes through escape().
"""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from runs.models import Answer

PLACEHOLDER = "item-placeholder"


def _multiline(text):
    return mark_safe(escape(text).replace("\n", "<br>"))  # noqa: S308 - escaped just before


def _labels():
    """Every label of an item, translated and escaped once per page."""
    labels = {
        "blocking": _("bloquant"),
        "changed": _("modifié depuis"),
        "removed": _("retiré depuis"),
        "verify": _("Vérifier :"),
        "note": _("Note"),
        "link": _("Lien vers une preuve"),
        "file": _("Fichier de preuve"),
        "file_is": _("Fichier :"),
        "remove": _("Retirer le fichier"),
        "save": _("Enregistrer"),
        "propose": _("Proposer aux auteurs de la liste"),
        "sent": _("Suggestion envoyée aux auteurs."),
        "no_answer": _("sans réponse"),
        "proof": _("Preuve :"),
        "private_file": _("Un fichier de preuve, réservé à la coopérative."),
    }
    labels = {key: escape(text) for key, text in labels.items()}
    labels["statuses"] = [(value, escape(str(label))) for value, label in Answer.Status.choices]
    return labels


def _answered_by():
    """« Répondu par … le … », the sentence translated once, the date in the short format
    (the long one translates a month name for each of 200 items), each person's name and each
    minute written once (a run's answers come from a few people within a few hours)."""
    sentence = _("Répondu par %(who)s le %(when)s")
    date_format = formats.get_format("SHORT_DATETIME_FORMAT")
    names, minutes = {}, {}

    def answered(answer):
        if answer is None or answer.answered_by_id is None:
            return ""
        who = names.get(answer.answered_by_id)
        if who is None:
            who = names[answer.answered_by_id] = answer.answerer
        minute = answer.answered_at.replace(second=0, microsecond=0)
        when = minutes.get(minute)
        if when is None:
            when = minutes[minute] = dateformat.format(timezone.localtime(minute), date_format)
        return escape(sentence % {"who": who, "when": when})

    return answered


def _badges(item, change, labels):
    badges = ""
    if item["blocking"]:
        badges += f' <span class="badge badge--blocking">{labels["blocking"]}</span>'
    if change:
        badges += f' <span class="badge">{labels[change]}</span>'
    return badges


def _form(row, urls, labels, csrf, answered):
    """One item's form. Plain f-strings for speed: every value not typed here goes through escape()."""
    item, answer, values = row["item"], row["answer"], row.get("values") or {}
    item_id, status = escape(item["id"]), values.get("status") or ""
    note, link = escape(values.get("note") or ""), escape(values.get("link") or "")
    choices = "".join(
        f'<label class="run-choice"><input type="radio" name="status" value="{value}"'
        f"{' checked' if value == status else ''}> {label}</label>"
        for value, label in labels["statuses"]
    )
    verification = ""
    if item["verification"]:
        verification = (
            f'<p class="checklist__verify">{labels["verify"]} {_multiline(item["verification"])}</p>'
        )
    file = ""
    if answer is not None and answer.evidence_name:
        file = (
            f'<p class="run-item__file">{labels["file_is"]} '
            f'<a href="{urls["evidence"].replace(PLACEHOLDER, item_id)}">{escape(answer.evidence_name)}</a> '
            f'<label class="run-choice"><input type="checkbox" name="remove_evidence" value="1"> '
            f"{labels['remove']}</label></p>"
        )
    errors = "".join(
        f'<p class="field__error" role="alert">{escape(error)}</p>' for error in row.get("errors", ())
    )
    if answer is not None and answer.suggestion_id:
        feedback = f'<span class="run-item__sent">{labels["sent"]}</span>'
    else:
        hidden = "" if status in ("ko", "na") else " hidden"
        feedback = (
            f'<button type="submit" class="button-secondary" '
            f'formaction="{urls["feedback"].replace(PLACEHOLDER, item_id)}" data-run-feedback{hidden}>'
            f"{labels['propose']}</button>"
        )
    return (
        f'<form method="post" action="{urls["answer"].replace(PLACEHOLDER, item_id)}" '
        f'enctype="multipart/form-data" data-run-answer>'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        f'<fieldset class="run-item__choices"><legend>{escape(item["criterion"])}'
        f"{_badges(item, row.get('change'), labels)}</legend>{verification}{choices}</fieldset>"
        f'<div class="run-item__fields">'
        f'<label for="note-{item_id}">{labels["note"]}</label>'
        f'<textarea id="note-{item_id}" name="note" rows="2" maxlength="2000">{note}</textarea>'
        f'<label for="link-{item_id}">{labels["link"]}</label>'
        f'<input type="url" id="link-{item_id}" name="link" value="{link}" maxlength="500">'
        f'<label for="file-{item_id}">{labels["file"]}</label>'
        f'<input type="file" id="file-{item_id}" name="evidence">{file}</div>'
        f'{errors}<p class="field__error" data-run-error role="alert" hidden></p>'
        f'<div class="run-item__buttons"><button type="submit">{labels["save"]}</button>{feedback}'
        f'<span class="run-item__saved" data-run-saved aria-live="polite">{answered(answer)}</span>'
        "</div></form>"
    )


def _read_only(row, urls, labels, csrf, evidence_readable, in_cooperative):
    item, answer = row["item"], row["answer"]
    status = answer.status if answer is not None else ""
    parts = [
        format_html(
            '<p class="run-item__criterion">{}{}</p>',
            item["criterion"],
            mark_safe(_badges(item, row.get("change"), labels)),  # noqa: S308 - labels escaped once
        ),
        format_html(
            '<p class="run-item__answer"><strong class="run-answer run-answer--{}">{}</strong>{}</p>',
            status or "none",
            answer.get_status_display() if status else labels["no_answer"],
            format_html(" — {}", _multiline(answer.note)) if answer is not None and answer.note else "",
        ),
    ]
    if answer is not None and answer.link:
        parts.append(
            format_html(
                '<p>{} <a href="{}" rel="noopener noreferrer">{}</a></p>',
                labels["proof"],
                answer.link,
                answer.link,
            )
        )
    if answer is not None and answer.evidence_name:
        if evidence_readable:
            url = urls["evidence"].replace(PLACEHOLDER, item["id"])
            parts.append(
                format_html('<p>{} <a href="{}">{}</a></p>', labels["file_is"], url, answer.evidence_name)
            )
        else:
            parts.append(format_html("<p>{}</p>", labels["private_file"]))
    if answer is not None and answer.suggestion_id:
        parts.append(format_html('<p class="run-item__sent">{}</p>', labels["sent"]))
    elif in_cooperative and status in ("ko", "na"):
        parts.append(
            format_html(
                '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<button type="submit" class="button-secondary">{}</button></form>',
                urls["feedback"].replace(PLACEHOLDER, item["id"]),
                csrf,
                labels["propose"],
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - each piece went through format_html


def run_items_html(request, run, sections, can_answer, evidence_readable, in_cooperative):
    """Every section of the run with its items: a form each when the reader may answer."""
    labels = _labels()
    urls = {
        name: reverse(f"run_{name}", args=[run.pk, PLACEHOLDER])
        for name in ("answer", "feedback", "evidence")
    }
    csrf = escape(get_token(request)) if in_cooperative else ""
    answered = _answered_by()
    html = []
    for section in sections:
        rows = []
        for row in section["rows"]:
            item = row["item"]
            if can_answer:
                body = _form(row, urls, labels, csrf, answered)
            else:
                body = _read_only(row, urls, labels, csrf, evidence_readable, in_cooperative)
            status = escape((row.get("values") or {}).get("status") or "")
            blocking = " run-item--blocking" if item["blocking"] else ""
            anchor = escape(item["id"])
            rows.append(
                f'<li class="run-item{blocking}" id="critere-{anchor}" data-status="{status}">{body}</li>'
            )
        html.append(
            format_html(
                '<section class="run-section"><h2>{}</h2><ol class="run-items">{}</ol></section>',
                section["title"],
                mark_safe("".join(rows)),  # noqa: S308 - every value in each row is escaped
            )
        )
    return mark_safe("".join(html))  # noqa: S308 - each section went through format_html
