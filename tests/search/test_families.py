"""Package families (search/families.py): one table of name marks, read for demotion and for the
near-duplicate key."""

import pytest

from search.families import DEMOTED_BOOST, boost, family_of, without_language


@pytest.mark.parametrize(
    ("title", "section", "demoted", "family"),
    [
        ("0ad", "games", False, "0ad"),
        ("0ad-data", "games", True, "0ad"),  # a companion: buried, of its tool's family
        ("Nextcloud-Desktop-Doc", "", True, "nextcloud-desktop"),
        ("libfoo-dev", "libdevel", True, "foo"),
        ("libfoo1", "libs", True, "foo"),  # a shared library
        ("libpython3-foo", "python", True, "foo"),  # prefixes cut off in the table's order
        ("foo-client", "net", False, "foo"),  # one of a tool's own parts: same family, not buried
        ("foo-dev-tools", "devel", False, "foo"),  # the first mark and all after it go; only an end buries
        ("foo-java", "java", True, "foo-java"),  # a binding: buried, a family of its own
        ("ruby-foo", "ruby", True, "ruby-foo"),
        ("foo-pluginsx", "utils", False, "foo-pluginsx"),  # a mark is a whole word
        ("gimp2", "graphics", False, "gimp"),  # a version at the end
        ("python3", "python", False, "python"),
        # `lib` begins programs' names too: it buries only what Debian files among libraries.
        ("libreoffice-writer", "editors", False, "reoffice-writer"),
        ("libtiff-tools", "graphics", False, "tiff"),
        ("LibrePlan", "", False, "replan"),  # a tool made by hand has no section
        # A language at the end: one family of language packs, the marks read before it.
        ("mythes-fr", "text", False, "mythes"),
        ("mythes-pt-br", "text", False, "mythes"),
        ("thunderbird-l10n-fr", "localization", True, "thunderbird"),
        ("libreoffice-help-en-gb", "doc", True, "reoffice"),
        ("firefox-esr-l10n-all", "localization", True, "firefox-esr"),
        ("foo-dev-fr", "libdevel", True, "foo"),
    ],
)
def test_marks_of_a_tool(title, section, demoted, family):
    assert boost("tool", title, section) == (DEMOTED_BOOST if demoted else 1.0)
    assert family_of("tool", title) == family


@pytest.mark.parametrize(
    ("name", "without"),
    [
        ("hunspell-de", "hunspell"),
        ("manpages-zh-cn", "manpages"),
        ("foo-xyz", "foo-xyz"),  # not a language
        ("foo-gtk", "foo-gtk"),
        ("fr", "fr"),  # a name that is only a code stays itself
    ],
)
def test_a_language_is_read_off_the_end_of_a_name(name, without):
    assert without_language(name) == without


def test_other_kinds_have_no_family_and_no_demotion():
    assert boost("procedure", "libfoo-doc", "doc") == 1.0
    assert family_of("review", "libfoo-doc") == ""
