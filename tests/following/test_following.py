"""Follow a page, hear of its new versions: through the site, only what the member may read now."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.access import readable_cooperative_ids
from following import fanout, inbox
from following.models import Follow, Notification
from tests.practices.conftest import make_procedure
from tests.search.conftest import restrict


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a block schedules on commit (the fan-out task: immediate backend in tests)."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def follow(client, user, page):
    client.force_login(user)
    return client.post("/suivre/", {"page": page.pk, "next": page.url})


def publish(page, user=None, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish()


def test_a_member_follows_a_procedure_and_hears_of_its_new_version(client, people, procedure, commit):
    response = follow(client, people["member_a"], procedure)
    assert response.status_code == 302 and response.url == procedure.url
    assert Follow.objects.filter(user=people["member_a"], page=procedure).exists()
    assert "Ne plus suivre" in client.get(procedure.url).content.decode()

    with commit():
        publish(
            procedure, people["editor_a"], summary="Restaurer en une demi-heure.", change_note="Plus rapide"
        )

    notification = Notification.objects.get(recipient=people["member_a"])
    assert notification.kind == Notification.Kind.NEW_VERSION and notification.note == "Plus rapide"
    page = client.get("/compte/notifications/").content.decode()
    assert procedure.title in page and "Plus rapide" in page
    assert 'class="badge">1' in page  # the header's unread count
    opened = client.get(f"/compte/notifications/{notification.pk}/")
    assert opened.status_code == 302  # to the changes this version brought
    assert opened.url == f"{procedure.url}versions/comparer/?a={notification.revision_id}"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'class="badge"' not in client.get("/compte/notifications/").content.decode()


def test_following_a_category_tells_of_a_new_procedure_in_it(client, people, category, commit):
    follow(client, people["member_b"], category)
    with commit():
        created = make_procedure(category, title="Chiffrer un disque", slug="chiffrer")
    notification = Notification.objects.get(recipient=people["member_b"])
    assert notification.page_id == created.pk and notification.followed_id == category.pk
    assert notification.kind == Notification.Kind.NEW_PAGE


def test_unfollow_and_the_list_of_what_i_follow(client, people, procedure, category):
    follow(client, people["member_a"], procedure)
    follow(client, people["member_a"], category)
    listing = client.get("/compte/suivis/").content.decode()
    assert procedure.title in listing and category.title in listing
    client.post("/suivre/", {"page": procedure.pk, "action": "unfollow"})
    assert list(Follow.objects.filter(user=people["member_a"]).values_list("page_id", flat=True)) == [
        category.pk
    ]


def test_the_author_of_the_version_is_not_told_of_it(client, people, procedure, commit):
    follow(client, people["editor_a"], procedure)
    with commit():
        publish(procedure, people["editor_a"], summary="Autre résumé.")
    assert not Notification.objects.exists()


def test_the_fan_out_runs_once_per_version_and_member(client, people, procedure, commit):
    follow(client, people["member_a"], procedure)
    with commit():
        publish(procedure, people["editor_a"], summary="Autre résumé.")
    fanout.notify_followers(procedure.pk, procedure.latest_revision_id)  # a retried task
    assert Notification.objects.count() == 1


def test_a_follower_who_lost_access_hears_nothing_and_sees_nothing(client, people, procedure, commit):
    committee = Group.objects.create(name="Comité de reprise")
    people["member_b"].groups.add(committee)
    follow(client, people["member_a"], procedure)  # outside the group, soon
    follow(client, people["member_b"], procedure)  # in it: the positive control
    with commit():
        publish(procedure, people["editor_a"], summary="Première mise à jour.")
    assert Notification.objects.filter(recipient=people["member_a"]).count() == 1
    client.force_login(people["member_a"])
    assert procedure.title in client.get("/compte/notifications/").content.decode()

    restrict(procedure, "groups", [committee])
    with commit():
        publish(procedure, people["editor_a"], summary="Zorglub version réservée.", change_note="Zorglub")

    assert Notification.objects.filter(recipient=people["member_a"]).count() == 1  # nothing new
    assert Notification.objects.filter(recipient=people["member_b"], note="Zorglub").exists()
    for url in ("/compte/notifications/", "/compte/suivis/", "/"):
        content = client.get(url).content.decode()
        assert procedure.title not in content and "Zorglub" not in content, url
    assert 'class="badge"' not in client.get("/compte/notifications/").content.decode()
    earlier = Notification.objects.get(recipient=people["member_a"])
    assert client.get(f"/compte/notifications/{earlier.pk}/").status_code == 404
    client.force_login(people["member_b"])
    assert "Zorglub" in client.get("/compte/notifications/").content.decode()


@pytest.mark.parametrize("value", ["abc", "", "٣", "9" * 40, "-1", "999999"])
def test_bad_or_unknown_page_ids_get_a_404(client, people, value):
    client.force_login(people["member_a"])
    assert client.post("/suivre/", {"page": value}).status_code == 404
    assert not Follow.objects.exists()


def test_a_page_the_member_may_not_read_cannot_be_followed(client, people, procedure):
    restrict(procedure, "groups", [Group.objects.create(name="Comité")])
    client.force_login(people["member_a"])
    assert client.post("/suivre/", {"page": procedure.pk}).status_code == 404
    assert not Follow.objects.exists()


def test_only_members_follow(client, people, procedure):
    assert client.post("/suivre/", {"page": procedure.pk}).status_code == 302  # to the login page
    client.force_login(people["outsider"])
    client.post("/suivre/", {"page": procedure.pk})
    assert not Follow.objects.exists()
    assert "Suivre" not in client.get(procedure.url).content.decode().split("</header>")[1]


def test_the_unread_count_is_one_query(rf, people, procedure):
    Notification.objects.create(recipient=people["member_a"], kind="new_version", page=procedure)
    request = rf.get("/")
    request.user = people["member_a"]
    request.session = {}
    inbox.readable(request)  # the view restrictions and readable cooperatives: once per request
    readable_cooperative_ids(request)
    with CaptureQueriesContext(connection) as queries:
        assert inbox.unread_count(request) == 1
    assert len(queries) == 1
