"""Bad input never yields a 500: a clear French message, and nothing typed lost."""

import html

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from runs.models import Answer, Run
from tests.runs.conftest import answer_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, people):
    client.force_login(people["member_a"])
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/verifications/99999999999999999999999999999/",
        "/verifications/9223372036854775807/",
        "/verifications/lancer/99999999999999999999/",
        "/verifications/lancer/0/",
        "/verifications/utilisation/123456789012345678/",
        "/verifications/-1/",
        "/verifications/1x/",
        "/verifications/٣/",
    ],
)
def test_odd_ids_answer_404(member, run, url):
    assert member.get(url).status_code == 404


def test_an_unknown_item_answers_404(member, run):
    assert (
        member.post(f"/verifications/{run.pk}/criteres/pas-un-critere/", {"status": "ok"}).status_code == 404
    )
    assert member.get(f"/verifications/{run.pk}/criteres/pas-un-critere/preuve/").status_code == 404
    item = run.items[0]
    assert (
        member.get(f"/verifications/{run.pk}/criteres/{item['id']}/preuve/").status_code == 404
    )  # no file yet


def test_answer_routes_take_posts_only(member, run):
    item = run.items[0]
    for url in (
        answer_url(run, item),
        f"/verifications/{run.pk}/cloture/",
        f"{answer_url(run, item)}suggestion/",
    ):
        assert member.get(url).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "peut-être"}, "Choisissez OK, KO ou N/A."),
        ({"status": "ok", "link": "pas une adresse"}, "Saisissez une adresse web complète"),
        ({"status": "ok", "note": "x" * 2001}, "La note dépasse 2000 caractères"),
        ({"status": "ok", "link": "https://exemple.org/\x00"}, "Le caractère nul n\u2019est pas autorisé."),
    ],
)
def test_a_bad_answer_is_refused_and_what_was_typed_stays(member, run, data, message):
    item = run.items[0]
    data = {"note": "Ce que j'ai tapé", **data}
    response = member.post(answer_url(run, item), data)
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert message in body
    assert data["note"][:50] in body
    assert not Answer.objects.exists()
    json_response = member.post(answer_url(run, item), data, HTTP_ACCEPT="application/json")
    assert json_response.status_code == 400
    assert message in " ".join(json_response.json()["errors"])


def test_a_file_of_an_unknown_type_or_too_large_is_refused(member, run, settings):
    item = run.items[0]
    script = SimpleUploadedFile("preuve.exe", b"MZ", content_type="application/octet-stream")
    response = member.post(answer_url(run, item), {"status": "ok", "note": "Gardé", "evidence": script})
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "Ce type de fichier n'est pas accepté" in body and "Gardé" in body
    settings.KB_RUN_EVIDENCE_MAX_BYTES = 10
    large = SimpleUploadedFile("preuve.txt", b"x" * 11, content_type="text/plain")
    response = member.post(answer_url(run, item), {"status": "ok", "evidence": large})
    assert response.status_code == 400
    assert "Le fichier dépasse" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"project": "", "date": "2026-03-02"}, "Donnez le nom du projet vérifié."),
        ({"project": "Site", "date": "31/02/2026"}, "Saisissez une date valide"),
        ({"project": "Site", "date": "2026-03-02", "client": "c" * 201}, "200 caractères"),
        ({"project": "Site\x00", "date": "2026-03-02"}, "Le caractère nul n\u2019est pas autorisé."),
    ],
)
def test_a_bad_start_is_refused_and_what_was_typed_stays(member, checklist, data, message):
    response = member.post(f"/verifications/lancer/{checklist.pk}/", {"participants": "Ana, Léo", **data})
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert message in body
    assert "Ana, Léo" in body
    assert not Run.objects.exists()


def test_sharing_with_an_odd_value_keeps_the_run_private(member, run):
    member.post(f"/verifications/{run.pk}/partage/", {"shared": "oui!"})
    run.refresh_from_db()
    assert not run.shared


def test_closing_twice_is_refused_politely(member, run):
    assert member.post(f"/verifications/{run.pk}/cloture/").status_code == 302
    second = member.post(f"/verifications/{run.pk}/cloture/")
    assert second.status_code == 403
    assert "déjà close" in second.content.decode()


def test_feedback_is_rate_limited_like_comments(member, run, settings):
    settings.KB_RATE_LIMITS = {**settings.KB_RATE_LIMITS, "comment": (1, 60)}
    first, second = run.items[0], run.items[1]
    member.post(f"{answer_url(run, first)}suggestion/", {"status": "ko", "note": "Un"})
    response = member.post(f"{answer_url(run, second)}suggestion/", {"status": "na", "note": "Deux"})
    assert response.status_code == 429
    assert response["Retry-After"]


def test_what_members_type_is_escaped_on_the_run_page(member, run, people):
    """runs/rendering.py writes the items without the template engine: everything is escaped."""
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    run.items[0]["criterion"] = evil
    run.save()
    item = run.items[0]
    upload = SimpleUploadedFile(f"{evil}.txt", b"x", content_type="text/plain")
    member.post(
        answer_url(run, item),
        {"status": "ko", "note": evil, "link": "https://e.org/?q=\"'<>", "evidence": upload},
    )
    answering = member.get(f"/verifications/{run.pk}/").content.decode()
    member.post(f"/verifications/{run.pk}/cloture/")
    reading = member.get(f"/verifications/{run.pk}/").content.decode()  # closed: no forms
    for body in (answering, reading):
        assert "<script>alert(1)" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
