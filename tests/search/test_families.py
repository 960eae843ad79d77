"""Package families (search/families.py): one table of name marks, read for demotion and for the
near-duplicate key."""

import pytest

from search.families import DEMOTED_BOOST, boost, family_of


@pytest.mark.parametrize(
    ("title", "demoted", "family"),
    [
        ("0ad", False, "0ad"),
        ("0ad-data", True, "0ad"),  # a companion: buried, of its tool's family
        ("Nextcloud-Desktop-Doc", True, "nextcloud-desktop"),
        ("libfoo-dev", True, "foo"),
        ("libpython3-foo", True, "foo"),  # prefixes cut off in the table's order
        ("foo-client", False, "foo"),  # one of a tool's own parts: same family, not buried
        ("foo-dev-tools", False, "foo"),  # the first mark and all after it go; only an end buries
        ("foo-java", True, "foo-java"),  # a binding: buried, a family of its own
        ("ruby-foo", True, "ruby-foo"),
        ("foo-pluginsx", False, "foo-pluginsx"),  # a mark is a whole word
        ("gimp2", False, "gimp"),  # a version at the end
        ("python3", False, "python"),
    ],
)
def test_marks_of_a_tool(title, demoted, family):
    assert boost("tool", title) == (DEMOTED_BOOST if demoted else 1.0)
    assert family_of("tool", title) == family


def test_other_kinds_have_no_family_and_no_demotion():
    assert boost("procedure", "libfoo-doc") == 1.0
    assert family_of("review", "libfoo-doc") == ""
