"""Handbook sections become procedures with steps where the text has them (sub-headings, explained
numbered lists), and import_practices updates the page with the same title and source."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from practices.factories import ProcedurePageFactory
from practices.models import ProcedurePage
from practices.structure import structure
from tests.practices.test_import_export import run_import

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "procedures-sample.jsonl"
RECORDS = {record["id"]: record for record in map(json.loads, SAMPLE.open(encoding="utf-8"))}


def titles(result):
    return [step["value"]["title"] for step in result["steps"]]


def test_sub_headings_become_steps():
    result = structure(RECORDS["dah-installation-steps"]["body"])
    assert len(result["steps"]) == 12
    assert titles(result)[:3] == ["Choix de la langue", "Choix du pays", "Choix de la disposition du clavier"]
    first = result["steps"][0]["value"]["instructions"]
    assert first.startswith("<p>Le programme d&#x27;installation débute en anglais")
    assert "Choix du pays" not in first  # each step stops at the next heading
    assert "<p>Figure 4.3. Choix du pays</p>" in result["steps"][1]["value"]["instructions"]  # a caption


def test_explained_numbered_items_become_steps_and_the_text_before_is_the_context():
    result = structure(RECORDS["dah-social-contract"]["body"])
    assert titles(result) == [
        "Debian demeurera totalement libre.",
        "Nous donnerons en retour à la communauté du logiciel libre.",
        "Nous ne dissimulerons pas les problèmes.",
        "Nos priorités sont nos utilisateurs et les logiciels libres.",
        "Programmes non conformes à nos standards sur les logiciels libres.",
    ]
    assert result["context_goal"].startswith("<p>Quelques années après son lancement")
    first = result["steps"][0]["value"]["instructions"]
    assert first.startswith("<p>C&#x27;est la règle numéro un.")
    assert "<p><b>PERSPECTIVE Au-delà du logiciel</b></p>" in first  # a box title stays with its step


def test_a_compact_list_stays_a_list_in_one_context_block():
    result = structure(RECORDS["dah-la-migration-vers-testing"]["body"])
    assert result["steps"] == []
    assert "<ol><li>compilation réussie sur toutes les architectures" in result["context_goal"]
    assert "<p><b>NOTE Limitations de Testing</b></p>" in result["context_goal"]


def test_text_without_structure_stays_one_context_block():
    body = RECORDS["dah-multi-arch"]["body"]
    result = structure(body)
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert result["steps"] == [] and result["context_goal"].count("<p>") == len(paragraphs)


def test_imported_procedures_have_their_steps_and_render(site_tree, client):
    out, err = run_import(SAMPLE)
    assert f"{len(RECORDS)} créées" in out, err
    page = ProcedurePage.objects.get(external_id="dah-installation-steps")
    assert [step.value["title"] for step in page.steps][:2] == ["Choix de la langue", "Choix du pays"]
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Choix de la disposition du clavier" in response.content.decode()


def test_a_page_with_the_same_title_and_source_is_updated_not_duplicated(site_tree):
    record = RECORDS["dah-social-contract"]
    call_command("import_practices", str(SAMPLE), "--no-progress", stdout=StringIO(), stderr=StringIO())
    imported = ProcedurePage.objects.get(external_id=record["id"])
    category = imported.get_parent()
    provenance = imported.provenance
    imported.delete()
    copy = ProcedurePageFactory(
        parent=category, title=record["title"].upper(), slug="copie", summary="Copie", provenance=provenance
    )

    out, _ = run_import(SAMPLE)

    assert "0 créées, 1 mises à jour" in out
    copy.refresh_from_db()
    assert copy.external_id == record["id"] and len(copy.steps) == 5
    assert ProcedurePage.objects.filter(provenance=provenance).count() == 1
