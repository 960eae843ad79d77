"""manage.py import_tools: idempotent by external id, per-record errors, ordinary Wagtail pages."""

import json
from pathlib import Path

from django.core.management import call_command

from wagtail.models import Page

import pytest

from core.events import pages_bulk_imported
from kb.factories import UserFactory
from tests.factories import PASSWORD
from tests.tooling.conftest import make_review, make_tool
from tooling.factories import ToolCategoryPageFactory
from tooling.importer import CategorySlot, step_number, step_text
from tooling.models import ToolCategoryPage, ToolPage

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "tools-sample.jsonl"
SAMPLE_SIZE = sum(1 for line in SAMPLE.open(encoding="utf-8") if line.strip())


@pytest.fixture
def received():
    calls = []

    def receiver(sender, page_ids, **kwargs):
        calls.append(sorted(page_ids))

    pages_bulk_imported.connect(receiver)
    yield calls
    pages_bulk_imported.disconnect(receiver)


def run(path, capsys):
    call_command("import_tools", str(path), verbosity=0)
    return capsys.readouterr()


def test_sample_import_is_idempotent(site_tree, capsys, received):
    first = run(SAMPLE, capsys)
    tools = {tool.external_id: tool for tool in ToolPage.objects.all()}
    assert len(tools) == SAMPLE_SIZE
    assert f"{SAMPLE_SIZE} créés, 0 mis à jour, 0 inchangés, 0 en erreur, 1 avertissements" in first.out
    assert "deb-ucpp : adresse du site ignorée" in first.err  # "http://http://…" dropped, tool kept
    assert received == [sorted(tool.pk for tool in tools.values())]

    second = run(SAMPLE, capsys)
    assert f"0 créés, 0 mis à jour, {SAMPLE_SIZE} inchangés" in second.out
    assert ToolPage.objects.count() == SAMPLE_SIZE
    assert received[1:] == []  # nothing new: no index work asked for

    borg = tools["deb-borgbackup"]
    assert borg.title == "borgbackup" and borg.get_parent().specific.title == "Administration système"
    assert borg.website.startswith("http") and borg.licence_kind == "free"


def test_changed_records_are_updated_in_place(site_tree, tmp_path, capsys, received):
    run(SAMPLE, capsys)
    rows = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    rows[0]["summary"] = "Résumé corrigé"
    changed = tmp_path / "tools.jsonl"
    changed.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")

    output = run(changed, capsys)

    assert f"0 créés, 1 mis à jour, {SAMPLE_SIZE - 1} inchangés" in output.out
    tool = ToolPage.objects.get(external_id=rows[0]["id"])
    assert tool.summary == "Résumé corrigé"
    assert received[-1] == [tool.pk]


def test_bad_records_are_reported_and_the_rest_imported(site_tree, tmp_path, capsys):
    good = {"id": "deb-bon", "name": "bon", "summary": "Un bon outil", "section": "net"}
    lines = [
        json.dumps(good),
        "{pas du json",
        json.dumps({"id": "deb-sans-nom", "name": "  ", "section": "net"}),
        json.dumps({**good, "name": "doublon"}),
        json.dumps({"id": "deb-long", "name": "x" * 300}),
        "[1, 2]",
        json.dumps({"id": "deb-inconnue", "name": "inconnue", "section": "nouvelle-section"}),
    ]
    path = tmp_path / "tools.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")

    output = run(path, capsys)

    assert "2 créés, 0 mis à jour, 0 inchangés, 5 en erreur" in output.out
    assert "ligne 2 : erreur : JSON invalide" in output.err
    assert "ligne 3 : erreur : deb-sans-nom : nom (name) manquant." in output.err
    assert "ligne 4 : erreur : deb-bon : identifiant déjà présent ligne 1." in output.err
    assert "ligne 5 : erreur : deb-long : champ name trop long" in output.err
    assert "ligne 6 : erreur : la ligne n'est pas un objet JSON." in output.err
    assert ToolPage.objects.get(external_id="deb-inconnue").get_parent().slug == "divers"


def test_csv_with_the_same_columns(site_tree, tmp_path, capsys):
    path = tmp_path / "tools.csv"
    path.write_text(
        "id,name,summary,description,section,homepage,version\n"
        'deb-a,alpha,Outil A,"Deux lignes\nde description",mail,https://a.example,1.0\n'
        "deb-b,,Outil B,,mail,,\n",
        encoding="utf-8",
    )
    output = run(path, capsys)
    assert "1 créés" in output.out and "1 en erreur" in output.err + output.out
    assert ToolPage.objects.get(external_id="deb-a").description == "Deux lignes\nde description"


def test_missing_file_is_a_clear_error(site_tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("import_tools", "/nonexistent/tools.jsonl")


def test_imported_pages_are_ordinary_wagtail_pages(site_tree, client, capsys):
    run(SAMPLE, capsys)
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard paths, depth and numchild agree
    category = ToolCategoryPage.objects.get(slug="administration-systeme")
    tool = ToolPage.objects.child_of(category).first()
    assert category.numchild == ToolPage.objects.child_of(category).count()
    assert client.get(tool.url).status_code == 200

    # A hand-made tool after the import gets the next free path; a review goes under an imported tool.
    handmade = make_tool(category, "Fait main", slug="fait-main")
    make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01")
    assert Page.find_problems() == ([], [], [], [], [])
    assert handmade.path > tool.path

    admin = UserFactory(username="admin", password=PASSWORD, is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(f"/admin/pages/{tool.pk}/edit/").status_code == 200

    tool.summary = "Modifié dans l'admin"
    tool.save_revision(user=admin).publish()
    tool.refresh_from_db()
    assert tool.live and tool.summary == "Modifié dans l'admin" and tool.live_revision is not None

    other = ToolCategoryPage.objects.get(slug="messagerie")
    tool.move(other, pos="last-child")
    tool.refresh_from_db()
    assert tool.url_path.startswith(other.url_path)
    assert Page.find_problems() == ([], [], [], [], [])


def test_postgresql_planner_statistics_follow_a_bulk_import(site_tree, capsys):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's (ANALYZE after a bulk load)")
    run(SAMPLE, capsys)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        estimated_pages = cursor.fetchone()[0]
    assert estimated_pages == Page.objects.count()


def test_the_importers_paths_are_the_ones_the_tree_gives(site_tree):
    """tooling.importer computes child paths itself (treebeard's helpers are private): they must be
    exactly those of add_child, step after step, past the alphabet's first carry."""
    category = ToolCategoryPageFactory(parent=site_tree["tools"], title="Essais", slug="essais")
    for number in (1, 9, 10, 35, 36, 37, 1295, 1296, 46655):
        assert step_number(step_text(number)) == number
    for n in range(40):  # 40 children: the step "0010" follows "000Z" in base 36
        expected = CategorySlot(ToolCategoryPage.objects.get(pk=category.pk)).take_path()
        child = ToolCategoryPage.objects.get(pk=category.pk).add_child(
            instance=ToolCategoryPage(title=f"Enfant {n}", slug=f"enfant-{n}")
        )
        assert child.path == expected, n
