"""« Suivre cette recherche »: told of new results, and an Atom feed; only what the member may read."""

import time
from unittest import mock

from django.contrib.auth.models import Group
from django.core import mail as outbox
from django.core import signing
from django.core.management import call_command

import pytest

from following import searches
from following.models import Delivery, DeliveryPreference, FollowedSearch, Notification
from tests.practices.conftest import make_procedure
from tests.search.conftest import restrict


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def searchable(procedure, index_now, site_tree):
    """The procedure « Restaurer une sauvegarde », in the search index."""
    with index_now():
        procedure.save_revision().publish()
    return procedure


def follow_search(client, user, **params):
    client.force_login(user)
    return client.post("/suivre/recherche/", {"next": "/recherche/?q=sauvegarde", **params})


def new_procedure(category, index_now, title, slug, summary="Vérifier chaque sauvegarde nocturne."):
    with index_now():
        return make_procedure(category, title=title, slug=slug, summary=summary)


def feed(client, followed):
    return client.get(f"/compte/suivis/recherche/{searches.feed_token(followed)}/atom/")


def test_a_member_follows_a_search_and_hears_of_a_new_result_once(
    client, people, searchable, category, index_now
):
    client.force_login(people["member_a"])
    page = client.get("/recherche/?q=sauvegarde").content.decode()
    assert "Suivre cette recherche" in page and searchable.title in page

    response = follow_search(client, people["member_a"], q="sauvegarde")
    assert response.status_code == 302 and response.url == "/recherche/?q=sauvegarde"
    followed = FollowedSearch.objects.get(user=people["member_a"])
    assert followed.text == "sauvegarde" and searchable.pk in followed.seen
    assert "Ne plus suivre cette recherche" in client.get("/recherche/?q=sauvegarde").content.decode()
    assert searches.check_all() == (1, 0)  # what it found when followed is not news

    fresh = new_procedure(category, index_now, "Tester les sauvegardes", "tester-sauvegardes")
    assert searches.check_all() == (1, 1)
    notification = Notification.objects.get(recipient=people["member_a"])
    assert notification.kind == Notification.Kind.NEW_RESULT and notification.page_id == fresh.pk
    assert searches.check_all() == (1, 0)  # told once

    inbox = client.get("/compte/notifications/").content.decode()
    assert "Tester les sauvegardes" in inbox
    assert "Nouveau résultat de votre recherche « sauvegarde »" in inbox
    assert client.get(f"/compte/notifications/{notification.pk}/").url == fresh.url

    listing = client.get("/compte/suivis/").content.decode()
    assert "« sauvegarde »" in listing and searches.feed_token(followed) in listing


def test_filters_are_followed_with_the_words(client, people, searchable):
    follow_search(client, people["member_a"], q="sauvegarde", kind="procedure")
    followed = FollowedSearch.objects.get()
    assert followed.filters == {"kind": ["procedure"]}
    assert searches.search_url(followed) == "/recherche/?q=sauvegarde&kind=procedure"
    follow_search(client, people["member_a"], q="sauvegarde", kind="procedure")
    assert FollowedSearch.objects.count() == 1  # the same search is followed once


def test_a_new_result_the_member_may_not_read_is_never_told(client, people, searchable, category, index_now):
    committee = Group.objects.create(name="Comité de reprise")
    people["member_b"].groups.add(committee)
    follow_search(client, people["member_a"], q="sauvegarde")
    follow_search(client, people["member_b"], q="sauvegarde")  # in the group: the positive control
    secret = make_procedure(
        category, title="Zorglub sauvegarde", slug="zorglub", summary="Sauvegarde du comité Zorglub."
    )
    restrict(secret, "groups", [committee])
    with index_now():
        secret.save_revision().publish()

    searches.check_all()
    assert not Notification.objects.filter(recipient=people["member_a"]).exists()
    assert Notification.objects.filter(recipient=people["member_b"], page=secret).exists()
    for user, shown in ((people["member_a"], False), (people["member_b"], True)):
        client.force_login(user)
        followed = FollowedSearch.objects.get(user=user)
        for content in (
            client.get("/compte/notifications/").content.decode(),
            feed(client, followed).content.decode(),
        ):
            assert ("Zorglub" in content) is shown, user


def test_losing_access_hides_what_was_told_and_empties_the_feed(
    client, people, searchable, category, index_now
):
    follow_search(client, people["member_a"], q="sauvegarde")
    fresh = new_procedure(category, index_now, "Zorglub des sauvegardes", "zorglub-sauvegardes")
    searches.check_all()
    followed = FollowedSearch.objects.get()
    assert "Zorglub" in client.get("/compte/notifications/").content.decode()
    assert "Zorglub" in feed(client, followed).content.decode()

    with index_now():
        restrict(fresh, "groups", [Group.objects.create(name="Comité")])
    client.logout()  # a feed reader has no session: the token alone
    assert "Zorglub" not in feed(client, followed).content.decode()
    client.force_login(people["member_a"])
    assert "Zorglub" not in client.get("/compte/notifications/").content.decode()


def test_the_feed_is_atom_private_and_ends_with_the_follow(client, people, searchable, category, index_now):
    follow_search(client, people["member_a"], q="sauvegarde")
    followed = FollowedSearch.objects.get()
    client.logout()
    response = feed(client, followed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert "<feed" in body and "Restaurer une sauvegarde" in body and "« sauvegarde »" in body

    token = searches.feed_token(followed)
    assert client.get(f"/compte/suivis/recherche/{token}x/atom/").status_code == 404
    assert client.get("/compte/suivis/recherche/abc/atom/").status_code == 404
    client.force_login(people["member_a"])
    client.post("/suivre/recherche/", {"action": "unfollow", "search": followed.pk})
    assert not FollowedSearch.objects.exists()
    assert client.get(f"/compte/suivis/recherche/{token}/atom/").status_code == 404


def test_a_followed_search_keeps_one_feed_address(client, people, searchable, category, index_now):
    follow_search(client, people["member_a"], q="sauvegarde")
    followed = FollowedSearch.objects.get()
    first = searches.feed_token(followed)
    later = time.time() + 5
    with mock.patch.object(signing.time, "time", return_value=later):  # a timestamped token would change
        assert searches.feed_token(followed) == first
    client.logout()
    older = signing.dumps(followed.pk, salt=searches.FEED_SALT)  # a link given out with a timestamp
    assert feed(client, followed).status_code == 200
    assert client.get(f"/compte/suivis/recherche/{older}/atom/").status_code == 200
    forged = signing.dumps(followed.pk, salt="another-salt")
    assert client.get(f"/compte/suivis/recherche/{forged}/atom/").status_code == 404


def test_a_deactivated_member_hears_nothing_and_has_no_feed(client, people, searchable, category, index_now):
    follow_search(client, people["member_a"], q="sauvegarde")
    followed = FollowedSearch.objects.get()
    people["member_a"].is_active = False
    people["member_a"].save()
    new_procedure(category, index_now, "Tester les sauvegardes", "tester-sauvegardes")
    assert searches.check_all() == (0, 0)
    assert feed(client, followed).status_code == 404


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "Cette recherche est vide"),
        ({"q": "   "}, "Cette recherche est vide"),
        ({"q": "«»—"}, "Cette recherche est vide"),
    ],
)
def test_an_empty_search_cannot_be_followed(client, people, params, message):
    response = follow_search(client, people["member_a"], **params)
    assert response.status_code == 302
    assert message in client.get(response.url).content.decode()
    assert not FollowedSearch.objects.exists()


def test_only_members_follow_searches_and_only_their_own_are_unfollowed(client, people, searchable):
    assert client.post("/suivre/recherche/", {"q": "sauvegarde"}).status_code == 302  # to sign in
    follow_search(client, people["outsider"], q="sauvegarde")
    assert not FollowedSearch.objects.exists()
    client.force_login(people["outsider"])
    assert "Suivre cette recherche" not in client.get("/recherche/?q=sauvegarde").content.decode()

    follow_search(client, people["member_a"], q="sauvegarde")
    followed = FollowedSearch.objects.get()
    for value in (followed.pk, "abc", "", "٣", "9" * 40):
        follow_search(client, people["member_b"], action="unfollow", search=value)
    assert FollowedSearch.objects.filter(pk=followed.pk).exists()


def test_a_member_follows_at_most_fifty_searches(client, people):
    FollowedSearch.objects.bulk_create(
        FollowedSearch(user=people["member_a"], text=f"mot{n}") for n in range(50)
    )
    response = follow_search(client, people["member_a"], q="sauvegarde")
    assert "Vous suivez déjà 50 recherches" in client.get(response.url).content.decode()
    assert not FollowedSearch.objects.filter(text="sauvegarde").exists()


def test_a_new_result_is_mailed_as_chosen(client, people, searchable, category, index_now, settings):
    settings.KB_BASE_URL = "https://coopkb.example"
    DeliveryPreference.objects.create(
        user=people["member_a"], kind=Notification.Kind.NEW_RESULT, delivery=Delivery.IMMEDIATELY
    )
    follow_search(client, people["member_a"], q="sauvegarde")
    new_procedure(category, index_now, "Tester les sauvegardes", "tester-sauvegardes")
    call_command("check_followed_searches", verbosity=0)
    [message] = outbox.outbox
    assert message.to == [people["member_a"].email]
    assert "Tester les sauvegardes" in message.body
    assert "Nouveau résultat de votre recherche « sauvegarde »" in message.body
    assert "https://coopkb.example/compte/notifications/desabonnement/" in message.body


def test_the_command_can_queue_the_check_for_the_worker(people, searchable, category, index_now, capsys):
    FollowedSearch.objects.create(user=people["member_a"], text="sauvegarde", seen=[searchable.pk])
    new_procedure(category, index_now, "Tester les sauvegardes", "tester-sauvegardes")
    call_command("check_followed_searches", "--queue")  # the immediate backend runs it at once in tests
    assert "confiée au worker" in capsys.readouterr().out
    assert Notification.objects.filter(kind=Notification.Kind.NEW_RESULT).count() == 1
