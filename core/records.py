"""What the bulk importers share: a record that cannot be imported, and reading JSON Lines."""

import json

from django.utils.translation import gettext as _


class RecordError(ValueError):
    """A record that cannot be imported; the message says why, in the active language."""


def json_lines(handle):
    """(line number, dict or RecordError) for each non-blank line of an open .jsonl file: one bad
    line is reported and the others still read."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problem = _("JSON invalide (%(problem)s, colonne %(column)s).")
            yield number, RecordError(problem % {"problem": error.msg, "column": error.colno})
            continue
        yield number, row if isinstance(row, dict) else RecordError(_("la ligne n'est pas un objet JSON."))
