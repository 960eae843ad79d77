"""import_tools attaches records to the hand-made tool they are, never makes a twin, keeps what
people wrote, tells namesakes apart, and a second run changes nothing."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

from kb.factories import UserFactory
from tests.factories import PASSWORD
from tests.tooling.conftest import make_category, make_review, make_tool
from tooling.catalogue import Catalogue
from tooling.factories import ToolUsageFactory
from tooling.matching import normalise_name
from tooling.models import ToolCategoryPage, ToolPage, ToolReferent

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "tools-sample.jsonl"
SAMPLE_SIZE = sum(1 for line in SAMPLE.open(encoding="utf-8") if line.strip())


def run(path):
    out, err = StringIO(), StringIO()
    call_command("import_tools", str(path), verbosity=0, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, records):
    path = tmp_path / "tools.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return path


@pytest.fixture
def admin_category(site_tree):
    return make_category(site_tree["tools"], "Administration système", "administration-systeme")


def test_a_record_updates_the_hand_made_tool_it_is(site_tree, admin_category):
    borg = make_tool(
        admin_category,
        "BorgBackup",
        summary="Sauvegardes dédupliquées.",
        website="https://www.borgbackup.org",
    )
    make_review(borg, site_tree["coop_a"], "adopt", "2025-01-01")
    ToolUsageFactory(tool=borg, cooperative=site_tree["coop_a"])

    out, err = run(SAMPLE)

    assert f"{SAMPLE_SIZE - 1} créés, 1 mis à jour, 0 inchangés" in out, err
    assert "1 rattachés à un outil existant" in out
    assert not ToolPage.objects.filter(external_id="deb-borgbackup").exclude(pk=borg.pk).exists()
    borg.refresh_from_db()
    # What people wrote stays; what was empty is filled; the external id ties it to its record.
    assert (borg.title, borg.summary, borg.website) == (
        "BorgBackup",
        "Sauvegardes dédupliquées.",
        "https://www.borgbackup.org",
    )
    assert borg.description.startswith("Borg est un programme de sauvegarde")
    assert borg.external_id == "deb-borgbackup" and borg.version == "1.2.4-1"
    assert borg.live and not borg.has_unpublished_changes
    # The admin edits the latest revision: it must carry the import, or the next save would undo it.
    assert borg.get_latest_revision_as_object().external_id == "deb-borgbackup"
    assert borg.get_children().count() == 1 and borg.usages.count() == 1

    out, _ = run(SAMPLE)
    assert f"0 créés, 0 mis à jour, {SAMPLE_SIZE} inchangés" in out
    assert ToolPage.objects.count() == SAMPLE_SIZE


def test_namesakes_stay_apart_with_distinguishing_titles(site_tree, tmp_path):
    messaging = make_category(site_tree["tools"])
    slack = make_tool(messaging, "Slack", website="https://slack.com")
    other = make_category(site_tree["tools"], "Divers", "divers")
    foo = make_tool(other, "Foo", website="https://foo.example")
    path = write(
        tmp_path,
        [
            {"id": "deb-slack", "name": "slack", "summary": "gestion de configuration", "section": "admin"},
            {"id": "deb-foo", "name": "foo", "homepage": "https://other.example/foo", "section": "misc"},
        ],
    )

    out, err = run(path)

    assert "2 créés, 0 mis à jour" in out, err
    assert ToolPage.objects.get(external_id="deb-slack").title == "slack (Administration système)"
    assert ToolPage.objects.get(external_id="deb-foo").title == "foo (other.example)"
    slack.refresh_from_db()
    foo.refresh_from_db()
    assert (slack.title, slack.external_id, foo.title, foo.external_id) == ("Slack", None, "Foo", None)

    out, _ = run(path)
    assert "0 créés, 0 mis à jour, 2 inchangés" in out


def test_same_home_page_attaches_unless_several_records_share_it(site_tree, admin_category, tmp_path):
    backups = make_tool(admin_category, "Sauvegardes", website="https://backup.example/")
    shared = make_tool(admin_category, "Client de synchro", website="https://sync.example/install")
    path = write(
        tmp_path,
        [
            {"id": "deb-bk", "name": "bk", "homepage": "http://www.backup.example", "section": "admin"},
            {"id": "deb-sync", "name": "sync", "homepage": "https://sync.example/install", "section": "net"},
            {"id": "deb-sync-doc", "name": "sync-doc", "homepage": "https://sync.example/install"},
        ],
    )

    out, err = run(path)

    assert "2 créés, 1 mis à jour" in out
    assert "ressemble autant à deb-sync, deb-sync-doc" in err
    backups.refresh_from_db()
    shared.refresh_from_db()
    assert backups.external_id == "deb-bk" and shared.external_id is None


def test_an_imported_tool_a_person_edited_keeps_their_text(site_tree, tmp_path):
    record = {"id": "deb-x", "name": "x", "summary": "Source", "description": "", "section": "admin"}
    run(write(tmp_path, [record]))
    tool = ToolPage.objects.get(external_id="deb-x")
    tool.summary = "Écrit par une éditrice"
    tool.save_revision(user=UserFactory(username="editrice", password=PASSWORD)).publish()

    out, _ = run(write(tmp_path, [{**record, "summary": "Source corrigée", "description": "Nouvelle"}]))

    assert "0 créés, 1 mis à jour" in out
    tool.refresh_from_db()
    assert (tool.summary, tool.description) == ("Écrit par une éditrice", "Nouvelle")


def test_demo_then_import_has_no_tool_twice(db):
    call_command("kb_demo", stdout=StringIO())
    demo_borg = ToolPage.objects.get(slug="borgbackup")
    reviews, usages = demo_borg.get_children().count(), demo_borg.usages.count()
    referents = ToolReferent.objects.count()

    out, err = run(SAMPLE)

    assert Catalogue.load().twins() == [], out + err
    titles = [normalise_name(title) for title in ToolPage.objects.values_list("title", flat=True)]
    assert len(titles) == len(set(titles))
    demo_borg.refresh_from_db()
    assert demo_borg.external_id == "deb-borgbackup"
    assert (demo_borg.get_children().count(), demo_borg.usages.count()) == (reviews, usages)
    assert ToolReferent.objects.count() == referents
    debian_slack = ToolPage.objects.get(external_id="deb-slack")
    assert debian_slack.get_parent().specific == ToolCategoryPage.objects.get(slug="administration-systeme")
    assert ToolPage.objects.get(title="Slack").external_id is None  # the messaging service
