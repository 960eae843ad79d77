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
