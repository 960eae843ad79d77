"""A run from start to close: pinned items, answers saved one by one, failure, lock, trail, report,
export, the checklist changing afterwards, feedback to the authors, usage figures."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from following.models import Follow, Notification
from kb.factories import UserFactory
from practices.models import Comment
from runs.models import Answer, Run, TrailEntry
from tests.factories import PASSWORD
from tests.runs.conftest import FILE_BYTES, NOTE, PROJECT, answer_url, change_checklist, start_run

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_run_pinned_to_the_live_version(client, checklist, people, site_tree):
    client.force_login(people["member_a"])
    page = client.get(checklist.url)
    assert "Lancer une vérification" in page.content.decode()
    form = client.get(f"/verifications/lancer/{checklist.pk}/")
    assert form.status_code == 200
    response = client.post(
        f"/verifications/lancer/{checklist.pk}/",
        {
            "project": "Site de la mairie",
            "client": "Mairie",
            "date": "2026-03-02",
            "participants": "Ana, Léo",
        },
    )
    run = Run.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/verifications/{run.pk}/"
    assert run.cooperative == site_tree["coop_a"]
    assert run.revision_id == checklist.live_revision_id
    assert not run.shared  # private to the cooperative by default
    stored_ids = [item.id for section in checklist.sections for item in section.value["items"].bound_blocks]
    assert [item["id"] for item in run.items] == stored_ids
    assert [item["blocking"] for item in run.items] == [True, False, True]
    body = client.get(response["Location"]).content.decode()
    assert "Site de la mairie" in body and "Les sauvegardes tournent" in body
    assert "0 sur 3 critères répondus" in body
    assert TrailEntry.objects.get(run=run).action == TrailEntry.Action.STARTED


def test_start_is_for_members_with_a_cooperative(client, checklist, people):
    start = f"/verifications/lancer/{checklist.pk}/"
    assert client.get(start)["Location"].startswith("/compte/connexion/")
    client.force_login(people["outsider"])
    assert client.get(start).status_code == 403
    assert "Lancer une vérification" not in client.get(checklist.url).content.decode()

    client.force_login(UserFactory(username="alone", role="member", password=PASSWORD))
    response = client.get(start)
    assert response.status_code == 403
    assert "aucune coopérative" in response.content.decode()


def test_answers_are_saved_one_by_one_and_a_blocking_ko_fails_the_run(client, run, people):
    client.force_login(people["member_a"])
    blocking, optional, _ = run.items
    response = client.post(answer_url(run, optional), {"status": "ok", "note": "", "link": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/verifications/{run.pk}/#critere-{optional['id']}"
    page = client.get(f"/verifications/{run.pk}/").content.decode()
    assert "1 sur 3 critères répondus" in page
    assert 'data-run-failed role="status" hidden' in page

    response = client.post(
        answer_url(run, blocking),
        {"status": "ko", "note": NOTE, "link": "https://ci.example.org/42"},
        HTTP_ACCEPT="application/json",
    )
    summary = response.json()["summary"]
    assert summary == {
        "answered": 2,
        "total": 3,
        "percent": 67,
        "failed": True,
        "counts": {"ok": 1, "ko": 1, "na": 0},
    }
    page = client.get(f"/verifications/{run.pk}/").content.decode()
    assert 'data-run-failed role="status">' in page
    answer = Answer.objects.get(run=run, item_id=blocking["id"])
    assert (answer.status, answer.note, answer.link, answer.answered_by) == (
        "ko",
        NOTE,
        "https://ci.example.org/42",
        people["member_a"],
    )


def test_saving_the_same_answer_again_adds_nothing_to_the_trail(client, run, people):
    client.force_login(people["member_a"])
    item = run.items[1]
    for _ in range(3):
        client.post(answer_url(run, item), {"status": "na", "note": "Pas de base"})
    assert TrailEntry.objects.filter(run=run, action=TrailEntry.Action.ANSWERED).count() == 1
    client.post(answer_url(run, item), {"status": "ok", "note": "Pas de base"})
    assert TrailEntry.objects.filter(run=run, action=TrailEntry.Action.ANSWERED).count() == 2


def test_evidence_file_is_kept_replaced_and_withdrawn(client, run, people):
    client.force_login(people["member_a"])
    item = run.items[0]
    upload = SimpleUploadedFile("journal.txt", FILE_BYTES, content_type="text/plain")
    client.post(answer_url(run, item), {"status": "ok", "evidence": upload})
    answer = Answer.objects.get(run=run)
    assert answer.evidence_name == "journal.txt"
    assert answer.evidence.name.startswith(f"runs/evidence/{run.pk}/")
    download = client.get(f"/verifications/{run.pk}/criteres/{item['id']}/preuve/")
    assert b"".join(download.streaming_content) == FILE_BYTES
    assert download["Content-Disposition"].startswith("attachment")
    stored = answer.evidence.name
    client.post(answer_url(run, item), {"status": "ok", "remove_evidence": "1"})
    answer.refresh_from_db()
    assert not answer.evidence and not answer.evidence_name
    assert not answer.evidence.storage.exists(stored)


def test_closing_locks_the_run_and_keeps_the_trail(client, run, people):
    client.force_login(people["member_a"])
    item = run.items[0]
    client.post(answer_url(run, item), {"status": "ok"})
    assert client.post(f"/verifications/{run.pk}/cloture/").status_code == 302
    run.refresh_from_db()
    assert run.closed and run.closed_by == people["member_a"]
    refused = client.post(answer_url(run, item), {"status": "ko"})
    assert refused.status_code == 409
    assert "close" in refused.content.decode()
    assert (
        client.post(answer_url(run, item), {"status": "ko"}, HTTP_ACCEPT="application/json").status_code
        == 409
    )
    assert Answer.objects.get(run=run).status == "ok"
    page = client.get(f"/verifications/{run.pk}/").content.decode()
    assert "data-run-answer" not in page and "Clore la vérification" not in page
    report = client.get(f"/verifications/{run.pk}/rapport/").content.decode()
    assert "a répondu" in report and "a clos la vérification" in report
    assert "member_a" in report and "Les sauvegardes tournent" in report


def test_markdown_export_lists_every_item_and_its_answer(client, run, people):
    client.force_login(people["member_a"])
    client.post(answer_url(run, run.items[0]), {"status": "ko", "note": "Pas de journal\nhier"})
    response = client.get(f"/verifications/{run.pk}/export.md")
    text = response.content.decode()
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert text.startswith(f"# {PROJECT}\n")
    assert "## Sauvegardes" in text and "## Supervision" in text
    assert "- [KO] Les sauvegardes tournent (bloquant)\n  - Note : Pas de journal hier" in text
    assert "- [sans réponse] Une alerte arrive (bloquant)" in text


def test_a_run_on_an_earlier_version_says_so_and_shows_what_changed(client, run, people, checklist):
    client.force_login(people["member_a"])
    page = client.get(f"/verifications/{run.pk}/").content.decode()
    assert "La liste a changé depuis" not in page
    newer = change_checklist(checklist)
    page = client.get(f"/verifications/{run.pk}/").content.decode()
    assert "La liste a changé depuis" in page
    assert "Modifié :" in page and "Retiré :" in page and "Ajouté :" in page
    assert "Le certificat est valide" in page
    assert f"?de={run.revision_id}&amp;a={newer.live_revision_id}" in page  # « Voir les changements »
    assert "<ins> chaque nuit</ins>" in page  # practices.versions' inline diff
    # The run keeps the items it was made with.
    assert "La restauration est testée" in page
    assert '<span class="badge">modifié depuis</span>' in page and "&lt;span" not in page
    client.post(f"/verifications/{run.pk}/cloture/")  # closed: the items are read, not answered
    page = client.get(f"/verifications/{run.pk}/").content.decode()
    assert '<span class="badge">retiré depuis</span>' in page and "&lt;span" not in page
    compare = client.get(f"{newer.url}versions/comparer/?de={run.revision_id}&a={newer.live_revision_id}")
    assert compare.status_code == 200


def test_a_ko_goes_to_the_authors_as_members_only_feedback(client, run, people, checklist, site_tree):
    Follow.objects.create(user=people["outsider"], page=checklist)  # a signed-in non-member follows it
    Follow.objects.create(user=people["member_b"], page=checklist)
    client.force_login(people["member_a"])
    item = run.items[0]
    response = client.post(
        f"/verifications/{run.pk}/criteres/{item['id']}/suggestion/",
        {"status": "ko", "note": "Le journal n'est pas daté", "link": ""},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.run_feedback and comment.page_id == checklist.pk
    assert "Les sauvegardes tournent" in comment.body and "Le journal n'est pas daté" in comment.body
    assert PROJECT not in comment.body and run.client not in comment.body
    assert Answer.objects.get(run=run).suggestion == comment
    # The authors (Coop Beta's editors) are told by e-mail, not the cooperative's public address.
    recipients = {address for message in mail.outbox for address in message.bcc}
    assert people["editor_b"].email in recipients
    assert people["outsider"].email not in recipients
    # Followers hear of it only if they are members.
    told = set(Notification.objects.filter(comment=comment).values_list("recipient__username", flat=True))
    assert told == {"member_b"}
    # Members read it on the checklist, marked; the public does not.
    client.logout()
    assert "Le journal n'est pas daté" not in client.get(checklist.url).content.decode()
    client.force_login(people["member_b"])
    body = client.get(checklist.url).content.decode()
    assert "Le journal n'est pas daté" in body and "Retour de vérification" in body
    # One click, once.
    client.force_login(people["member_a"])
    client.post(f"/verifications/{run.pk}/criteres/{item['id']}/suggestion/", {"status": "ko"})
    assert Comment.objects.count() == 1


def test_an_ok_is_not_sent_as_feedback(client, run, people):
    client.force_login(people["member_a"])
    item = run.items[0]
    response = client.post(
        f"/verifications/{run.pk}/criteres/{item['id']}/suggestion/", {"status": "ok"}, follow=True
    )
    assert "Seule une réponse KO ou N/A" in response.content.decode()
    assert not Comment.objects.exists()


def test_usage_counts_runs_and_misses_without_naming_projects(client, run, people, checklist, site_tree):
    other = start_run(checklist, site_tree["coop_b"], people["member_b"], project="Projet de Beta")
    for each in (run, other):
        Answer.objects.create(run=each, item_id=each.items[0]["id"], status="ko")
    Answer.objects.create(run=run, item_id=run.items[1]["id"], status="na")
    url = f"/verifications/utilisation/{checklist.pk}/"
    for reader in ("editor_b", "moderator"):  # the author cooperative's editor, a moderator
        client.force_login(people[reader])
        body = client.get(url).content.decode()
        assert "<dd>2</dd>" in body  # runs across the network
        assert "Les sauvegardes tournent" in body
        assert PROJECT not in body and "Projet de Beta" not in body and "Coop Alpha" not in body
    for reader in ("member_a", "member_b", "editor_a"):
        client.force_login(people[reader])
        assert client.get(url).status_code == 404
    client.force_login(people["editor_b"])
    assert "Voir comment cette liste est utilisée" in client.get(checklist.url).content.decode()


def test_a_cooperative_page_lists_its_runs_to_its_own_members(client, run, people, site_tree):
    coop = site_tree["coop_a"]
    client.force_login(people["member_a"])
    assert PROJECT in client.get(coop.url).content.decode()
    client.force_login(people["member_b"])
    assert PROJECT not in client.get(coop.url).content.decode()


def test_members_see_the_latest_runs_editors_all_of_them(client, checklist, people, site_tree):
    for number in range(12):
        start_run(checklist, site_tree["coop_a"], people["member_a"], project=f"Projet numéro {number:02}")
    coop = site_tree["coop_a"]
    client.force_login(people["member_a"])
    body = client.get(coop.url).content.decode()
    assert body.count("Projet numéro") == 10 and "12 vérifications en tout" in body
    client.force_login(people["editor_a"])
    assert client.get(coop.url).content.decode().count("Projet numéro") == 12


def test_sharing_opens_the_run_to_network_members(client, run, people):
    client.force_login(people["member_b"])
    assert client.get(f"/verifications/{run.pk}/").status_code == 404
    client.force_login(people["member_a"])
    client.post(f"/verifications/{run.pk}/partage/", {"shared": "1"})
    client.force_login(people["member_b"])
    page = client.get(f"/verifications/{run.pk}/")
    assert page.status_code == 200 and PROJECT in page.content.decode()
    assert "data-run-answer" not in page.content.decode()  # reading, not answering
    assert client.post(answer_url(run, run.items[0]), {"status": "ok"}).status_code == 403
