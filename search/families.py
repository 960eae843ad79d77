"""Package families: a tool and the packages around it (Debian's `foo`, `foo-doc`, `libfoo`,
`python3-foo`, `foo-fr`), told apart by marks in their names. One table of marks, read two ways:

- `boost`: a package with a DEMOTED mark is buried below the tool people mean (`SearchDocument.boost`,
  set when the document is written);
- `family_of`: FAMILY marks are cut off to find the tool a package belongs to, so that one family's
  packages do not fill a page of results (the database engines' near-duplicate collapse).

A language at the end (`mythes-fr`, `libreoffice-help-pt-br`) makes one family of a tool's language
packs, and the marks are read before it (`thunderbird-l10n-fr` is a translation).
"""

import enum
import locale
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
    "doc": BOTH, "help": BOTH, "dev": BOTH, "dbg": BOTH, "data": BOTH, "common": BOTH,
    "examples": BOTH, "l10n": BOTH, "locale": BOTH, "i18n": BOTH, "plugins": BOTH, "tests": BOTH,
    "headers": BOTH,
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
# `lib` also begins programs' names (libreoffice-writer, libtiff-tools, a hand-made « LibrePlan »):
# it buries a package only where Debian files it among libraries and the languages' modules.
LIBRARY = "lib"
LIBRARY_SECTIONS = frozenset(
    {
        "libs", "libdevel", "oldlibs", "devel", "debug", "introspection", "interpreters", "perl",
        "python", "ruby", "java", "javascript", "php", "ocaml", "haskell", "cli-mono", "golang", "rust",
        "lisp", "gnu-r", "doc", "localization",
    }
)  # fmt: skip

DEMOTED_SUFFIXES = tuple(f"-{suffix}" for suffix, mark in SUFFIXES.items() if DEMOTED in mark)
DEMOTED_PREFIXES = tuple(prefix for prefix, mark in PREFIXES.items() if DEMOTED in mark and prefix != LIBRARY)
FAMILY_PREFIXES = tuple(prefix for prefix, mark in PREFIXES.items() if FAMILY in mark)
FAMILY_MARKS = "|".join(suffix for suffix, mark in SUFFIXES.items() if FAMILY in mark)
# A family mark and whatever follows it (`foo-dev-tools`), or a version at the end (`foo2`, `foo-1.2`).
FAMILY_SUFFIX = re.compile(rf"(-({FAMILY_MARKS})\b.*|\d+(\.\d+)*)$")

# Language codes (`fr`, `pt_BR` as `pt-br`) from the standard library's table of locale names, and
# `all` (every language's pack): Django's own list holds only its translations (no `am`, `oc`, `dz`…).
_LOCALE = re.compile(r"([a-z]{2,3})(_[a-z]{2})?")
LANGUAGES = frozenset(
    code.replace("_", "-")
    for alias in locale.locale_alias
    if (match := _LOCALE.fullmatch(alias.split(".")[0].split("@")[0]))
    for code in (match[1], match[0])
) | {"all"}
# A language with its country or script ("-pt-br", "-zh-hans"), or alone ("-fr", and "foo-dev-fr").
LANGUAGE_SUFFIXES = (re.compile(r"-([a-z]{2,3})-[a-z]{2,4}$"), re.compile(r"-([a-z]{2,3})$"))


def without_language(name: str) -> str:
    """The name without a language at its end ("mythes-pt-br" -> "mythes")."""
    for suffix in LANGUAGE_SUFFIXES:
        match = suffix.search(name)
        if match and match[1] in LANGUAGES:
            return name[: match.start()]
    return name


def boost(kind: str, title: str, section: str = "") -> float:
    """A tool's demotion: DEMOTED_BOOST for a package around a tool, else 1.0. `section`: the Debian
    section the tool was imported from ("" for a tool made by hand)."""
    if kind != "tool":
        return 1.0
    name = title.lower()
    marked = without_language(name)
    if marked.endswith(DEMOTED_SUFFIXES) or name.startswith(DEMOTED_PREFIXES):
        return DEMOTED_BOOST
    if name.startswith(LIBRARY) and section.lower() in LIBRARY_SECTIONS:
        return DEMOTED_BOOST
    return 1.0


def family_of(kind: str, title: str) -> str:
    """A tool's near-duplicate key ("0ad-data" -> "0ad", "mythes-fr" -> "mythes"); "" for other kinds."""
    if kind != "tool":
        return ""
    name = title.lower()
    for prefix in FAMILY_PREFIXES:
        name = name.removeprefix(prefix)
    name = without_language(name)
    return FAMILY_SUFFIX.sub("", name) or name
