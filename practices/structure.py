"""A handbook section's plain text (the procedures corpus) as a procedure: context, then steps.

The corpus keeps each paragraph apart (`\\n\\n`), list items as paragraphs starting with `- ` or
`1. `, and the titles of merged sub-sections as short paragraphs of their own. Steps come from
- sub-headings, when the text has at least two: each one opens a step with what follows it;
- else a numbered list whose items are each followed by their own explanation (« 1. Debian
  demeurera totalement libre. » then its paragraphs): each item opens a step.
Text before the first step is the context. Text with neither stays one context block; a compact
numbered list (items one after another) is a list inside the text, not steps.
"""

import re

from django.utils.html import escape
from django.utils.text import Truncator

NUMBERED = re.compile(r"^(\d{1,3})\.\s+(.+)$", re.DOTALL)
# Box titles (NOTE, B.A.-BA, CULTURE, POUR ALLER PLUS LOIN…) start with a word in capitals.
BOX_LABEL = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý.\-]+(?:\s[A-ZÀ-Ý][A-ZÀ-Ý.\-]+)*\s")
CAPTION = re.compile(r"^(?:Figure|Exemple|Tableau|Table)\s+\d")
HEADING_MAX_CHARS = 90
HEADING_MAX_WORDS = 12
STEP_TITLE_MAX = 200
MIN_STEPS = 2


def is_box_title(paragraph):
    first = paragraph.split(" ", 1)[0]
    return "\n" not in paragraph and len(first) > 1 and first.isupper() and bool(BOX_LABEL.match(paragraph))


def is_heading(paragraph, following):
    """A merged sub-section's title: short, one line, no closing punctuation, followed by text."""
    if following is None or "\n" in paragraph or len(paragraph) > HEADING_MAX_CHARS:
        return False
    if len(paragraph.split()) > HEADING_MAX_WORDS or not paragraph[0].isupper():
        return False
    if paragraph[-1] in ".:;,!?»…" or paragraph.startswith(("- ", "→", "$", "#")):
        return False
    return not (is_box_title(paragraph) or CAPTION.match(paragraph) or NUMBERED.match(paragraph))


def render(paragraphs):
    """Paragraphs as rich text: lists as lists, box titles in bold, code lines kept apart."""
    html, items, kind = [], [], None

    def close():
        if items:
            html.append(f"<{kind}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{kind}>")
            items.clear()

    for paragraph in paragraphs:
        numbered = NUMBERED.match(paragraph)
        bullet = paragraph.startswith("- ")
        current = "ol" if numbered else "ul" if bullet else None
        if current != kind:
            close()
            kind = current
        if numbered:
            items.append(text(numbered.group(2)))
        elif bullet:
            items.append(text(paragraph[2:]))
        elif is_box_title(paragraph):
            html.append(f"<p><b>{text(paragraph)}</b></p>")
        else:
            html.append(f"<p>{text(paragraph)}</p>")
    close()
    return "".join(html)


def text(value):
    return escape(value.strip()).replace("\n", "<br/>")


def step(title, paragraphs):
    title = " ".join(title.split())
    short = Truncator(title).chars(STEP_TITLE_MAX)
    if short != title:  # too long for a title: the whole item opens the instructions
        paragraphs = [title, *paragraphs]
    return {"type": "step", "value": {"title": short, "instructions": render(paragraphs)}}


def split_at(paragraphs, starts, title_of):
    """Context before the first start, then one step per start with the paragraphs up to the next."""
    context = paragraphs[: starts[0]]
    steps = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(paragraphs)
        steps.append(step(title_of(paragraphs[start]), paragraphs[start + 1 : end]))
    return context, steps


def structure(body):
    """{"context_goal": rich text, "steps": StreamField data} for a corpus body."""
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    following = [*paragraphs[1:], None]
    headings = [i for i, p in enumerate(paragraphs) if is_heading(p, following[i])]
    # Of two titles in a row (a parent's, then its first sub-section's), the second opens the step.
    headings = [i for i in headings if i + 1 not in headings]
    if len(headings) >= MIN_STEPS:
        context, steps = split_at(paragraphs, headings, lambda p: p)
        return {"context_goal": render(context), "steps": steps}
    items = [i for i, p in enumerate(paragraphs) if NUMBERED.match(p)]
    ends = [*items[1:], len(paragraphs)] if items else []
    explained = all(end - item > 1 for item, end in zip(items, ends, strict=True))
    if len(items) >= MIN_STEPS and explained:
        context, steps = split_at(paragraphs, items, lambda p: NUMBERED.match(p).group(2))
        return {"context_goal": render(context), "steps": steps}
    return {"context_goal": render(paragraphs), "steps": []}
