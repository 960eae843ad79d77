"""Markdown export and import, and the corpus import (idempotent by external_id)."""

import os
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

from practices.models import ChecklistPage, PracticeCategoryPage, ProcedurePage

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS_DIR = Path(os.environ.get("KB_CORPUS_DIR", settings.BASE_DIR.parent / "shared" / "corpus"))
CORPUS = CORPUS_DIR / "procedures-fr.jsonl"


def run_import(path):
    out, err = StringIO(), StringIO()
    call_command("import_practices", str(path), "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def section_values(page):
    return [
        (s.value["title"], [(i["criterion"], i["verification"], i["blocking"]) for i in s.value["items"]])
        for s in page.sections
    ]


def test_export_is_markdown_with_front_matter(client, checklist):
    response = client.get(checklist.url + "export.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("---\nkind: checklist\ntitle: Mise en production\n")
    assert "## Sauvegardes" in text
    assert "- [ ] Les sauvegardes tournent [bloquant]\n  Vérifier : Voir le journal." in text
    assert "À dérouler **avant** chaque mise en production." in text


def test_checklist_round_trips_through_markdown(client, checklist, tmp_path):
    exported = client.get(checklist.url + "export.md").content.decode()
    before = {
        "title": checklist.title,
        "summary": checklist.summary,
        "sections": section_values(checklist),
        "tags": sorted(t.name for t in checklist.tags.all()),
        "cooperative": checklist.author_cooperative_id,
        "intro": checklist.introduction,
        "last_reviewed": checklist.last_reviewed,
    }
    checklist.delete()
    (tmp_path / "checklist.md").write_text(exported, encoding="utf-8")

    out, err = run_import(tmp_path)
    assert "1 créées" in out and err == ""
    page = ChecklistPage.objects.get()
    after = {
        "title": page.title,
        "summary": page.summary,
        "sections": section_values(page),
        "tags": sorted(t.name for t in page.tags.all()),
        "cooperative": page.author_cooperative_id,
        "intro": page.introduction,
        "last_reviewed": page.last_reviewed,
    }
    assert after == before
    assert page.live and page.get_parent().title == "Infrastructure"

    # Exporting the imported page gives the same file back, and importing it again changes nothing.
    assert client.get(page.url + "export.md").content.decode() == exported
    out, _ = run_import(tmp_path)
    assert "0 créées, 0 mises à jour, 1 inchangées" in out


def test_procedure_round_trips_steps(client, procedure, tmp_path):
    exported = client.get(procedure.url + "export.md").content.decode()
    procedure.delete()
    (tmp_path / "procedure.md").write_text(exported, encoding="utf-8")
    run_import(tmp_path)
    page = ProcedurePage.objects.get()
    step = page.steps[0].value
    assert (step["title"], step["tip"]) == ("Choisir l'archive", "Prendre la plus récente.")
    assert "<code>borg list</code>" in str(step["instructions"])


def test_markdown_folder_reports_bad_files_and_imports_the_others(tmp_path, site_tree):
    (tmp_path / "ok.md").write_text(
        "---\ntitle: Onboarding\ncategory: Relation client\ntags: [accueil]\nvisibility: members\n"
        "cooperative: coop-beta\n---\n## Étapes\n### 1. Dire bonjour\nAvec le sourire.\n",
        encoding="utf-8",
    )
    (tmp_path / "no-front-matter.md").write_text("# Juste un titre\n", encoding="utf-8")
    (tmp_path / "bad-visibility.md").write_text("---\ntitle: X\nvisibility: secret\n---\n", encoding="utf-8")
    (tmp_path / "bad-coop.md").write_text("---\ntitle: Y\ncooperative: inconnue\n---\n", encoding="utf-8")
    (tmp_path / "bad-interval.md").write_text(
        "---\ntitle: Z\nreview_interval_months: six\n---\n", encoding="utf-8"
    )
    # Fails after creating its category, which the import must not reuse once rolled back.
    (tmp_path / "bad-date.md").write_text(
        "---\ntitle: W\ncategory: Relation client\nlast_reviewed: hier\n---\n", encoding="utf-8"
    )
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: [non fermé\n---\n", encoding="utf-8")

    out, err = run_import(tmp_path)
    assert "1 créées" in out and "6 en erreur" in out
    for name in ("no-front-matter", "bad-visibility", "bad-coop", "bad-interval", "bad-date", "bad-yaml"):
        assert f"{name}.md" in err
    page = ProcedurePage.objects.get()
    assert page.external_id == "md-ok"
    assert page.visibility == "members" and page.get_view_restrictions().exists()
    assert page.author_cooperative == site_tree["coop_b"]
    assert page.steps[0].value["title"] == "Dire bonjour"


def test_sample_corpus_imports_idempotently(site_tree, tmp_path):
    lines = (DATA / "procedures-sample.jsonl").read_text(encoding="utf-8").splitlines()
    out, err = run_import(DATA / "procedures-sample.jsonl")
    assert f"{len(lines)} créées, 0 mises à jour, 0 inchangées, 0 en erreur" in out, err
    page = ProcedurePage.objects.get(external_id="dah-multi-arch")
    assert page.live and page.provenance.endswith("CC-BY-SA-3.0 / GPL-2+")
    assert page.get_parent().specific_class is PracticeCategoryPage

    out, _ = run_import(DATA / "procedures-sample.jsonl")
    assert f"0 créées, 0 mises à jour, {len(lines)} inchangées" in out
    assert ProcedurePage.objects.count() == len(lines)

    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        lines[0]
        + '\n{pas du json\n{"id": "x-1", "title": ""}\n{"id": "x-2", "title": "T", "body": 3}\n[1]\n',
        encoding="utf-8",
    )
    out, err = run_import(broken)
    assert "0 créées, 0 mises à jour, 1 inchangées, 4 en erreur" in out
    assert all(f"ligne {number}" in err for number in (2, 3, 4, 5))


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus absent: set KB_CORPUS_DIR (looked in {CORPUS_DIR})")
def test_full_corpus_imports_305_procedures_and_a_rerun_changes_nothing(site_tree):
    out, err = run_import(CORPUS)
    assert "305 créées, 0 mises à jour, 0 inchangées, 0 en erreur" in out, err
    assert ProcedurePage.objects.live().count() == 305
    assert ProcedurePage.objects.get(external_id="dah-preface").title == "Préface"
    revisions = sum(page.revisions.count() for page in ProcedurePage.objects.all())

    out, _ = run_import(CORPUS)
    assert "0 créées, 0 mises à jour, 305 inchangées, 0 en erreur" in out
    assert sum(page.revisions.count() for page in ProcedurePage.objects.all()) == revisions
