"""When two catalogue entries are one tool: home pages, names, namesakes (no database)."""

import pytest

from tooling.matching import (
    Entry,
    distinguishing_title,
    match_strength,
    normalise_homepage,
    normalise_name,
    project_labels,
    same_tool,
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://www.borgbackup.org/", "http://borgbackup.org"),
        ("HTTPS://Example.ORG:443/Docs/", "http://example.org/docs"),
        ("http://example.org:80/#install", "example.org"),
        ("https://nextcloud.com/install/#install-clients", "https://nextcloud.com/install"),
    ],
)
def test_home_pages_that_are_one(first, second):
    assert normalise_homepage(first) == normalise_homepage(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/a", "https://example.org/b"),
        ("https://example.org:8080/", "https://example.org/"),
        ("https://example.org/?p=1", "https://example.org/?p=2"),
    ],
)
def test_home_pages_that_differ(first, second):
    assert normalise_homepage(first) != normalise_homepage(second)


def test_names_ignore_case_accents_and_punctuation():
    assert normalise_name("BorgBackup") == normalise_name("borgbackup") == normalise_name("Borg-Backup ")
    assert normalise_name("Évolution") == normalise_name("evolution")
    assert normalise_name("Matrix / Element") != normalise_name("Matrix")


def test_project_labels_see_through_forges_and_project_hosts():
    assert project_labels("https://borgbackup.github.io/borgbackup/") == {"borgbackup"}
    assert project_labels("https://www.borgbackup.org") == {"borgbackup"}
    assert project_labels("https://github.com/borgbackup/borg") == {"borgbackup", "borg"}
    assert project_labels("https://about.gitlab.com") == {"gitlab"}
    assert project_labels("https://www.example.co.uk/x") == {"example"}


DEMO_BORG = Entry("BorgBackup", "https://www.borgbackup.org", "administration-systeme")
DEBIAN_BORG = Entry(
    "borgbackup", "https://borgbackup.github.io/borgbackup/", "administration-systeme", "deb-borgbackup"
)
DEMO_SLACK = Entry("Slack", "https://slack.com", "messagerie")
DEBIAN_SLACK = Entry("slack", "", "administration-systeme", "deb-slack")


def test_same_name_and_same_project_is_one_tool():
    assert same_tool(DEMO_BORG, DEBIAN_BORG) and match_strength(DEMO_BORG, DEBIAN_BORG) == 2


def test_same_name_without_home_page_needs_the_same_category():
    assert not same_tool(DEMO_SLACK, DEBIAN_SLACK)
    assert same_tool(Entry("Slack", "", "messagerie"), Entry("slack", "", "messagerie", "x-slack"))


def test_same_name_with_conflicting_home_pages_are_namesakes():
    first = Entry("Foo", "https://foo.example", "divers")
    second = Entry("foo", "https://other.example/foo-tool", "divers", "deb-foo")
    assert not same_tool(first, second)
    assert distinguishing_title(second, [first], "Divers") == "foo (other.example)"
    assert distinguishing_title(DEBIAN_SLACK, [DEMO_SLACK], "Administration système") == (
        "slack (Administration système)"
    )


def test_same_home_page_is_one_tool_whatever_the_name():
    handmade = Entry("Sauvegardes Borg", "https://borgbackup.github.io/borgbackup", "divers")
    assert match_strength(handmade, DEBIAN_BORG) == 1
    assert match_strength(Entry("borgbackup", DEBIAN_BORG.homepage, "divers"), DEBIAN_BORG) == 3


def test_two_records_of_a_source_are_never_one_tool():
    doc = Entry("borgbackup-doc", DEBIAN_BORG.homepage, "documentation", "deb-borgbackup-doc")
    assert not same_tool(doc, DEBIAN_BORG)
