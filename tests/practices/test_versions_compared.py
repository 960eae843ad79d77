"""« Voir les changements »: between two published versions a reader may see, steps added,
removed and changed, text differences inline; drafts and restricted versions never shown."""

from django.contrib.auth.models import Group

import pytest

from practices.versions import inline_diff
from tests.search.conftest import restrict

STEP = {"title": "", "instructions": "", "tip": "", "warning": "", "tool": None}


def step(title, instructions):
    return {"type": "step", "value": {**STEP, "title": title, "instructions": f"<p>{instructions}</p>"}}


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return revision


def compare_url(page, **params):
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return f"{page.url}versions/comparer/" + (f"?{query}" if query else "")


def test_inline_diff_marks_words_and_escapes_text():
    assert str(inline_diff("lister les archives", "lister toutes les archives")) == (
        "lister<ins> toutes</ins> les archives"
    )
    assert "<script>" not in str(inline_diff("a", "<script>alert(1)</script>"))


def test_the_changes_between_two_published_versions(client, procedure):
    steps = list(procedure.steps.raw_data)
    first_id = steps[0]["id"]
    procedure.steps = [
        {**steps[0], "value": {**steps[0]["value"], "instructions": "<p>Lister les archives avec borg.</p>"}},
        step("Vérifier la restauration", "Ouvrir trois fichiers restaurés."),
    ]
    newer = publish(procedure, change_note="Une étape de vérification")
    assert procedure.steps.raw_data[0]["id"] == first_id  # the same step, changed
    procedure.summary = "Brouillon jamais publié."
    procedure.save_revision()  # a draft, never published

    page = client.get(compare_url(procedure)).content.decode()

    assert "Une étape de vérification" in page
    assert "Ajouté — Étape 2 : Vérifier la restauration" in page
    assert (
        "Modifié — Étape 1 : Choisir l&#x27;archive" in page
        or "Modifié — Étape 1 : Choisir l'archive" in page
    )
    assert "<del>" in page and "<ins>" in page
    assert "Brouillon" not in page
    assert f'value="{newer.pk}" selected' in page


def test_a_removed_step_shows_as_removed(client, procedure):
    publish(procedure, steps=[step("Seule étape", "Tout faire d'un coup.")])
    page = client.get(compare_url(procedure)).content.decode()
    assert "Retiré — Étape 1 : Choisir" in page and "Ajouté — Étape 1 : Seule étape" in page


def test_one_version_only_says_so(client, procedure):
    response = client.get(compare_url(procedure))
    assert response.status_code == 200 and "rien à comparer" in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "٣", "9" * 40, "0", "-5"])
def test_bad_version_ids_get_a_message(client, procedure, value):
    publish(procedure, summary="Deuxième version.")
    response = client.get(compare_url(procedure, de=value, a=value))
    assert response.status_code == 200 and "Choisissez deux versions" in response.content.decode()


def test_a_version_restricted_when_live_is_not_compared_for_an_outsider(client, people, procedure):
    committee = Group.objects.create(name="Comité")
    people["member_b"].groups.add(committee)
    restriction = restrict(procedure, "groups", [committee])
    secret = publish(procedure, summary="Zorglub réservé au comité.")
    restriction.delete()
    publish(procedure, summary="Version publique.")
    client.force_login(people["member_a"])
    page = client.get(compare_url(procedure, de=secret.pk)).content.decode()
    assert "Zorglub" not in page and f'value="{secret.pk}"' not in page
    client.force_login(people["member_b"])  # the positive control: the committee sees it
    assert "Zorglub" in client.get(compare_url(procedure, de=secret.pk)).content.decode()
