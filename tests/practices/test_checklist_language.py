"""checklist.js writes its count from a sentence the template translates (no inline script, no JS French)."""

from pathlib import Path

from django.conf import settings

from bs4 import BeautifulSoup


def count_text(client, checklist):
    soup = BeautifulSoup(client.get(checklist.url).content, "html.parser")
    return soup.select_one("[data-checklist]")["data-count-text"]


def test_checklist_count_sentence_is_in_the_reader_language(client, checklist):
    assert count_text(client, checklist) == "{done} sur {total} critères cochés"

    client.post("/i18n/setlang/", {"language": "en", "next": checklist.url})
    assert count_text(client, checklist) == "{done} of {total} criteria checked"


def test_checklist_script_holds_no_interface_sentence():
    script = (Path(settings.BASE_DIR) / "static" / "js" / "checklist.js").read_text()
    assert "critères" not in script
    assert "criteria" not in script
    assert "{done}" in script and "{total}" in script
