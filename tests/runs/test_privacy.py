"""Runs and their evidence never show outside the run's cooperative (or the network, once shared;
files never): project names, clients, notes and files, for the public and for members of other
cooperatives, on every route. Each test has its positive control: the allowed reader sees the canary.
Runs are not pages: search, the sitemap and feeds never know them."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

import pytest

from core.sitemap_xml import sitemap_sections
from runs.models import Answer
from search.models import SearchDocument
from tests.privacy.canaries import body_of
from tests.runs.conftest import CLIENT, FILE_BYTES, NOTE, PROJECT, answer_url

pytestmark = pytest.mark.django_db

CANARIES = [word.split()[-1] for word in (PROJECT, CLIENT, NOTE)]
FILE_CANARY = FILE_BYTES.split(b":")[0].decode()


@pytest.fixture
def answered(client, run, people):
    """The run answered by its cooperative: a note and a file on its first item."""
    client.force_login(people["member_a"])
    upload = SimpleUploadedFile("preuve-zqrunfilenamecanari.txt", FILE_BYTES, content_type="text/plain")
    response = client.post(answer_url(run, run.items[0]), {"status": "ko", "note": NOTE, "evidence": upload})
    assert response.status_code == 302
    client.logout()
    return run


def run_urls(run):
    item = run.items[0]["id"]
    base = f"/verifications/{run.pk}"
    return [f"{base}/", f"{base}/rapport/", f"{base}/export.md", f"{base}/criteres/{item}/preuve/"]


def leaks(client, urls, words):
    found = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        body = body_of(response)
        found += [(url, word) for word in words if word.lower() in body]
    return found


def surfaces(run, checklist, site_tree):
    """Everywhere a run could show besides its own routes."""
    return [
        checklist.url,
        site_tree["coop_a"].url,
        site_tree["coop_b"].url,
        f"/verifications/utilisation/{checklist.pk}/",
        "/compte/notifications/",
    ]


def test_the_public_sees_no_run(client, answered, checklist, site_tree):
    words = [*CANARIES, FILE_CANARY, "zqrunfilenamecanari"]
    for url in run_urls(answered):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    assert leaks(client, run_urls(answered) + surfaces(answered, checklist, site_tree), words) == []


@pytest.mark.parametrize("reader", ["member_b", "editor_b", "moderator", "outsider"])
def test_other_cooperatives_see_no_private_run(client, answered, checklist, site_tree, people, reader):
    client.force_login(people[reader])
    words = [*CANARIES, FILE_CANARY, "zqrunfilenamecanari"]
    for url in run_urls(answered):
        assert client.get(url).status_code == 404  # not even its existence
    assert leaks(client, run_urls(answered) + surfaces(answered, checklist, site_tree), words) == []


def test_positive_control_the_run_cooperative_sees_everything(client, answered, people):
    client.force_login(people["member_a"])
    page, report, export, file = (client.get(url) for url in run_urls(answered))
    for response in (page, report, export):
        assert all(word.lower() in body_of(response) for word in CANARIES)
    assert "zqrunfilenamecanari" in body_of(page)
    assert b"".join(file.streaming_content) == FILE_BYTES


def test_a_shared_run_shows_to_network_members_but_never_its_files(client, answered, people, checklist):
    answered.shared = True
    answered.save()
    page_url, report_url, export_url, file_url = run_urls(answered)
    client.force_login(people["member_b"])
    page = body_of(client.get(page_url))
    assert PROJECT.split()[-1] in page  # positive control: shared means readable
    assert "un fichier de preuve, réservé à la coopérative" in page
    assert "zqrunfilenamecanari" not in page
    assert "zqrunfilenamecanari" not in body_of(client.get(report_url))
    assert "zqrunfilenamecanari" not in body_of(client.get(export_url))
    assert client.get(file_url).status_code == 404
    client.force_login(people["outsider"])  # signed in, not a member of the network
    assert client.get(page_url).status_code == 404
    client.logout()
    assert client.get(page_url).status_code == 302


def test_evidence_is_never_under_a_public_media_url(client, answered, people):
    stored = Answer.objects.get(run=answered).evidence.name
    media = f"{settings.MEDIA_URL}{stored}"
    for who in (None, people["member_b"], people["member_a"]):
        if who:
            client.force_login(who)
        response = client.get(media)
        assert response.status_code == 404
        assert FILE_BYTES not in (
            b"".join(response.streaming_content) if response.streaming else response.content
        )
    client.force_login(people["member_a"])
    page = body_of(client.get(run_urls(answered)[0]))
    assert stored.lower() not in page  # the storage path is never given out


def test_a_run_follows_its_checklist_privacy(client, answered, people, checklist):
    """A checklist restricted afterwards to a group its cooperative is not in takes its runs along."""
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    committee = Group.objects.create(name="Comité")
    restriction = PageViewRestriction.objects.create(
        page=checklist, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([committee])
    client.force_login(people["member_a"])
    assert client.get(run_urls(answered)[0]).status_code == 404
    people["member_a"].groups.add(committee)
    assert client.get(run_urls(answered)[0]).status_code == 200  # positive control


def test_runs_are_never_indexed_nor_in_the_sitemap_or_feeds(client, answered, people, site_tree):
    call_command("search_reindex", stdout=io.StringIO())
    words = [word.lower() for word in CANARIES]
    documents = " ".join(
        " ".join([document.title, document.summary, document.body, document.comments]).lower()
        for document in SearchDocument.objects.all()
    )
    assert documents  # the checklist and the cooperatives are indexed…
    assert not [word for word in words if word in documents]  # …the run is not
    client.force_login(people["member_a"])  # even its own cooperative finds nothing by search
    tools = site_tree["tools"].url
    urls = [
        "/recherche/?q=projet",  # the search page writes back what was typed: a word of the project name
        f"/api/search/?q={CANARIES[0]}",
        f"/api/search/suggest/?q={CANARIES[0]}",
        "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in sitemap_sections()),
        f"{tools}flux/rss/",
        f"{tools}flux/atom/",
    ]
    assert leaks(client, urls, [*words, "/verifications/"]) == []
    assert PROJECT.split()[-1] in body_of(client.get(run_urls(answered)[0]))  # positive control


def test_feedback_carries_no_project_detail(client, answered, people, checklist):
    from practices.models import Comment

    client.force_login(people["member_a"])
    item = answered.items[0]
    client.post(f"/verifications/{answered.pk}/criteres/{item['id']}/suggestion/")
    comment = Comment.objects.get()
    assert NOTE in comment.body  # the member's note goes, as written (positive control)
    assert not [word for word in (PROJECT, CLIENT, "zqrunfilenamecanari") if word in comment.body]
