"""manage.py merge_duplicates: reports twins, changes nothing without --apply, and merges them
keeping reviews, usages, référents, alternatives and watch duties."""

import json
from io import StringIO

from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect

import pytest

from kb.factories import UserFactory
from tests.factories import PASSWORD
from tests.tooling.conftest import make_category, make_review, make_tool
from tooling.models import ReviewPage, ToolAlternative, ToolPage, ToolReferent, ToolUsage, WatchDuty


def run(*args):
    out = StringIO()
    call_command("merge_duplicates", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def twins(site_tree):
    """The demo's « BorgBackup » and the « borgbackup » an earlier import made beside it."""
    category = make_category(site_tree["tools"], "Administration système", "administration-systeme")
    coop_a, coop_b = site_tree["coop_a"], site_tree["coop_b"]
    demo = make_tool(category, "BorgBackup", summary="Sauvegardes.", website="https://www.borgbackup.org")
    imported = ToolPage(
        title="borgbackup",
        slug="borgbackup-2",
        summary="programme de sauvegarde",
        description="Borg est un programme de sauvegarde par déduplication.",
        website="https://borgbackup.github.io/borgbackup/",
        external_id="deb-borgbackup",
    )
    category.add_child(instance=imported)  # as the bulk import wrote it: live, no revision
    make_review(demo, coop_a, "adopt", "2025-01-01")
    make_review(imported, coop_b, "trial", "2025-02-01")
    make_review(imported, coop_a, "adopt", "2025-01-01")  # same slug as the demo's review
    ToolUsage.objects.create(tool=demo, cooperative=coop_a)
    ToolUsage.objects.create(tool=imported, cooperative=coop_a)  # the same usage twice
    ToolUsage.objects.create(tool=imported, cooperative=coop_b, relationship="provider")
    ToolReferent.objects.create(
        tool=imported, user=UserFactory(username="referente", password=PASSWORD), cooperative=coop_b
    )
    restic = make_tool(category, "Restic", website="https://restic.net")
    ToolAlternative.objects.create(tool=restic, alternative=imported)
    restic.save_revision().publish()  # the alternative is part of Restic's published revision
    duty = WatchDuty.objects.create(tool=imported, interval_months=6)
    return {"demo": demo, "imported": imported, "restic": restic, "duty": duty}


def test_dry_run_reports_and_changes_nothing(twins):
    before = (ToolPage.objects.count(), ReviewPage.objects.count(), ToolUsage.objects.count())

    out = run()

    assert "« BorgBackup »" in out and "« borgbackup »" in out
    assert "2 avis, 2 utilisations, 1 référents" in out
    assert "1 groupes de doublons (1 outils en trop)" in out and "rien n'est modifié" in out
    assert (ToolPage.objects.count(), ReviewPage.objects.count(), ToolUsage.objects.count()) == before
    assert ToolPage.objects.filter(pk=twins["imported"].pk).exists()


def test_apply_merges_into_the_page_people_worked_on(twins, client):
    demo, imported = twins["demo"], twins["imported"]
    old_url = imported.url

    out = run("--apply")

    assert "1 groupes fusionnés, 0 laissés" in out
    assert not ToolPage.objects.filter(pk=imported.pk).exists()
    demo.refresh_from_db()
    assert (demo.title, demo.summary, demo.website) == (
        "BorgBackup",
        "Sauvegardes.",
        "https://www.borgbackup.org",
    )
    assert demo.description.startswith("Borg est un programme")
    assert demo.external_id == "deb-borgbackup" and demo.live and not demo.has_unpublished_changes
    assert ReviewPage.objects.child_of(demo).count() == 3
    assert sorted(demo.usages.values_list("cooperative__slug", "relationship")) == [
        ("coop-alpha", "user"),
        ("coop-beta", "provider"),
    ]
    assert list(demo.referents.values_list("user__username", flat=True)) == ["referente"]
    assert list(twins["restic"].alternative_links.values_list("alternative", flat=True)) == [demo.pk]
    restic_draft = ToolPage.objects.get(pk=twins["restic"].pk).get_latest_revision_as_object()
    assert [link.alternative_id for link in restic_draft.alternative_links.all()] == [demo.pk]
    assert WatchDuty.objects.get(pk=twins["duty"].pk).tool_id == demo.pk
    # The admin's next save starts from the latest revision: it must hold what was merged.
    draft = demo.get_latest_revision_as_object()
    assert draft.external_id == "deb-borgbackup" and draft.usages.count() == 2
    assert Redirect.objects.filter(old_path=Redirect.normalise_path(old_url), redirect_page=demo).exists()
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(demo.url)

    assert "0 groupes de doublons" in run()


def test_pending_changes_leave_a_group_alone(twins):
    imported = twins["imported"]
    imported.summary = "Brouillon en cours"
    imported.save_revision()

    out = run("--apply")

    assert "laissé : modifications non publiées" in out and "0 groupes fusionnés, 1 laissés" in out
    assert ToolPage.objects.filter(pk=imported.pk).exists()


def test_the_import_points_at_twins_made_before_it_matched(twins, tmp_path):
    record = {"id": "deb-borgbackup", "name": "borgbackup", "section": "admin"}
    record["homepage"] = "https://borgbackup.github.io/borgbackup/"
    path = tmp_path / "tools.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    out = StringIO()

    call_command("import_tools", str(path), verbosity=0, stdout=out, stderr=StringIO())

    assert "1 en double : lancez manage.py merge_duplicates" in out.getvalue()
    assert ToolPage.objects.filter(title__iexact="borgbackup").count() == 2  # merging is the command's job
