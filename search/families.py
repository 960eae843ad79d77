"""Package families: a tool and the packages around it (Debian's `foo`, `foo-doc`, `libfoo`,
`python3-foo`), told apart by marks in their names. One table of marks, read two ways:

- `boost`: a package with a DEMOTED mark is buried below the tool people mean (`SearchDocument.boost`,
  set when the document is written);
- `family_of`: FAMILY marks are cut off to find the tool a package belongs to, so that one family's
  packages do not fill a page of results (the database engines' near-duplicate collapse).
"""

import enum
import re


class Mark(enum.Flag):
    DEMOTED = enum.auto()
    FAMILY = enum.auto()


DEMOTED, FAMILY = Mark.DEMOTED, Mark.FAMILY
BOTH = DEMOTED | FAMILY
DEMOTED_BOOST = 0.5

# `-suffix` marks. Companions (documentation, headers, data, translations…) are both buried and of
# their tool's family; a tool's own parts (`-client`, `-server`, `-utils`…) are of its family but not
# buried; debug symbols and language bindings are buried but kept as families of their own.
SUFFIXES = {
    "doc": BOTH, "dev": BOTH, "dbg": BOTH, "data": BOTH, "common": BOTH, "examples": BOTH,
    "l10n": BOTH, "locale": BOTH, "i18n": BOTH, "plugins": BOTH, "tests": BOTH, "headers": BOTH,
    "plugin": FAMILY, "utils": FAMILY, "bin": FAMILY, "tools": FAMILY, "core": FAMILY, "base": FAMILY,
    "extra": FAMILY, "runtime": FAMILY, "client": FAMILY, "server": FAMILY,
    "dbgsym": DEMOTED, "java": DEMOTED, "perl": DEMOTED,
}  # fmt: skip
# `prefix` marks, in the order `family_of` cuts them off (`libpython3-foo` is of `foo`'s family).
PREFIXES = {
    "lib": BOTH, "python3-": BOTH,
    "ruby-": DEMOTED, "node-": DEMOTED, "golang-": DEMOTED, "r-cran-": DEMOTED, "fonts-": DEMOTED,
    "php-": DEMOTED,
}  # fmt: skip

DEMOTED_SUFFIXES = tuple(f"-{suffix}" for suffix, mark in SUFFIXES.items() if DEMOTED in mark)
DEMOTED_PREFIXES = tuple(prefix for prefix, mark in PREFIXES.items() if DEMOTED in mark)
FAMILY_PREFIXES = tuple(prefix for prefix, mark in PREFIXES.items() if FAMILY in mark)
FAMILY_MARKS = "|".join(suffix for suffix, mark in SUFFIXES.items() if FAMILY in mark)
# A family mark and whatever follows it (`foo-dev-tools`), or a version at the end (`foo2`, `foo-1.2`).
FAMILY_SUFFIX = re.compile(rf"(-({FAMILY_MARKS})\b.*|\d+(\.\d+)*)$")


def boost(kind: str, title: str) -> float:
    """A tool's demotion: DEMOTED_BOOST for a package around a tool, else 1.0."""
    if kind != "tool":
        return 1.0
    name = title.lower()
    if name.endswith(DEMOTED_SUFFIXES) or name.startswith(DEMOTED_PREFIXES):
        return DEMOTED_BOOST
    return 1.0


def family_of(kind: str, title: str) -> str:
    """A tool's near-duplicate key ("0ad-data" -> "0ad"); "" for other kinds."""
    if kind != "tool":
        return ""
    name = title.lower()
    for prefix in FAMILY_PREFIXES:
        name = name.removeprefix(prefix)
    return FAMILY_SUFFIX.sub("", name) or name
