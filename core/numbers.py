"""Reading ids and counts typed in URLs and forms.

`str.isdigit()` and `int()` accept more than readers type: "²" is a digit to `isdigit()` (and
`int("²")` fails), "٣" (Arabic-Indic three) becomes 3, and a 40-digit number overflows every
database integer. These helpers accept ASCII digits only, within the range of a 64-bit id.
"""

MAX_ID = 2**63 - 1  # the largest BigAutoField value PostgreSQL and SQLite can store
_MAX_DIGITS = len(str(MAX_ID))


def parse_positive_int(text, maximum=MAX_ID):
    """The number written in `text` (surrounding spaces allowed) if it is 1…maximum, else None."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 1 <= value <= maximum else None
