import re


def test_procedure_page_shows_its_fields(client, procedure):
    response = client.get(procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choisir l&#x27;archive" in html
    assert "borg list" in html
    assert "Coop Alpha" in html
    assert "Prendre la plus récente." in html


def test_checklist_page_lists_items_and_links_its_script(client, checklist):
    response = client.get(checklist.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="checkbox"') == 3
    assert "js/checklist.js" in html
    assert "css/practices-print.css" in html
    assert "<script>" not in html  # the CSP forbids inline scripts


def test_checklist_items_keep_their_ids_from_one_visit_to_the_next(client, checklist):
    """checklist.js keeps a reader's ticks under each item's id: sections given as plain data (demo,
    imports) must not get new ids at every read, or the ticks are lost on reload."""

    def item_ids():
        return re.findall(r'data-item="([^"]+)"', client.get(checklist.url).content.decode())

    first = item_ids()
    assert len(first) == 3
    assert len(set(first)) == 3
    assert item_ids() == first
