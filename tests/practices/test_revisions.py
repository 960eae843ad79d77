"""Readers see the last change, its note, and can open the previous published version."""

from practices.models import ProcedurePage


def test_change_note_and_previous_version(client, procedure):
    first_revision = procedure.live_revision
    procedure = ProcedurePage.objects.get(pk=procedure.pk)
    procedure.summary = "Nouvelle version du résumé."
    procedure.change_note = "Ajout de l'étape de vérification."
    procedure.save_revision().publish()

    html = client.get(procedure.url).content.decode()
    assert "Ajout de l&#x27;étape de vérification." in html
    previous_url = f"{procedure.url}versions/{first_revision.pk}/"
    assert previous_url in html

    old = client.get(previous_url)
    assert old.status_code == 200
    old_html = old.content.decode()
    assert "Restaurer les données d&#x27;hier" in old_html
    assert "Nouvelle version du résumé." not in old_html
    assert "Ancienne version" in old_html
    assert 'id="commentaires"' not in old_html  # read-only: no comment form


def test_unpublished_drafts_are_not_reachable(client, procedure):
    procedure = ProcedurePage.objects.get(pk=procedure.pk)
    procedure.summary = "Brouillon confidentiel"
    draft = procedure.save_revision()
    response = client.get(f"{procedure.url}versions/{draft.pk}/")
    assert response.status_code == 404
    assert "Brouillon confidentiel" not in client.get(procedure.url).content.decode()


def test_a_members_only_version_stays_private_after_the_page_goes_public(client, members_procedure):
    old_revision = members_procedure.live_revision
    page = ProcedurePage.objects.get(pk=members_procedure.pk)
    page.visibility = "public"
    page.summary = "Version publique."
    page.save_revision().publish()

    assert client.get(page.url).status_code == 200
    response = client.get(f"{page.url}versions/{old_revision.pk}/")
    assert response.status_code == 404
    assert "secret" not in response.content.decode()
