"""Routing: the region's cooperatives with the skill first, the network after the delay or when none
matches; their members are told; nobody else sees the request, and the client only by those who answered."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest

from client_requests import access, lifecycle
from client_requests.models import ClientRequest
from following.models import Notification
from kb.factories import UserFactory
from tests.client_requests.conftest import make_request
from tests.factories import PASSWORD


@pytest.fixture
def web_people(site_tree, coop_c, coop_d):
    cooperatives = {
        "alpha": site_tree["coop_a"],  # ARA, web
        "delta": coop_d,  # ARA, web
        "gamma": coop_c,  # IDF, web
        "beta": site_tree["coop_b"],  # IDF, infra only
    }
    return {
        username: UserFactory(username=username, role="member", cooperative=cooperative, password=PASSWORD)
        for username, cooperative in cooperatives.items()
    }


def told(kind=Notification.Kind.NEW_REQUEST):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_an_accepted_request_goes_to_the_regions_cooperatives_with_the_skill(
    site_tree, web_people, coop_d, commit
):
    client_request = make_request(site_tree)
    with commit():
        routed = lifecycle.accept(client_request)
    assert set(routed) == {site_tree["coop_a"].pk, coop_d.pk}
    client_request.refresh_from_db()
    assert client_request.status == ClientRequest.Status.OPEN and client_request.national_at is None
    assert told() == {"alpha", "delta"}


def test_no_matching_cooperative_in_the_region_sends_it_to_the_network_at_once(site_tree, web_people, commit):
    client_request = make_request(site_tree, skills=("infra",))  # nobody in ARA offers it
    with commit():
        routed = lifecycle.accept(client_request)
    assert routed == [site_tree["coop_b"].pk]
    assert ClientRequest.objects.get().national_at is not None
    assert told() == {"beta"}


def test_nobody_answering_in_time_widens_it_to_the_network(site_tree, web_people, coop_c, commit, settings):
    settings.KB_REQUEST_REGIONAL_DAYS = 7
    client_request = make_request(site_tree)
    with commit():
        lifecycle.accept(client_request)
    call_command("route_requests", verbosity=0)  # too early: nothing changes
    assert ClientRequest.objects.get().national_at is None

    ClientRequest.objects.update(routed_at=timezone.now() - datetime.timedelta(days=8))
    with commit():
        call_command("route_requests", verbosity=0)
    assert ClientRequest.objects.get().national_at is not None
    assert told() == {"alpha", "delta", "gamma"}  # Beta lacks the skill
    assert Notification.objects.filter(recipient__username="alpha").count() == 1  # told once


def test_an_answered_request_stays_regional(site_tree, web_people, commit, client):
    client_request = make_request(site_tree)
    with commit():
        lifecycle.accept(client_request)
    client.force_login(web_people["alpha"])
    client.post(f"/demandes/{client_request.pk}/interet/", {"role": "développement", "note": ""})
    ClientRequest.objects.update(routed_at=timezone.now() - datetime.timedelta(days=30))
    call_command("route_requests", verbosity=0)
    assert ClientRequest.objects.get().national_at is None


def pages_of(client, client_request):
    return {
        url: client.get(url).content.decode()
        for url in ("/demandes/", client_request.url, "/compte/notifications/", "/")
    }


def test_only_moderators_see_a_request_before_it_is_routed(client, site_tree, people, web_people):
    client_request = make_request(site_tree, title="Zorglub intranet")
    for user in (web_people["alpha"], people["editor_a"], people["outsider"]):
        client.force_login(user)
        assert client.get(client_request.url).status_code == 404
        assert "Zorglub" not in client.get("/demandes/").content.decode()
    client.logout()
    assert client.get(client_request.url).status_code == 302  # to sign in
    client.force_login(people["moderator"])  # the positive control
    assert client.get(client_request.url).status_code == 200
    assert "Zorglub" in client.get("/admin/demandes/").content.decode()


def test_a_routed_request_shows_to_its_cooperatives_only_and_the_client_to_those_who_answered(
    client, site_tree, web_people, commit
):
    client_request = make_request(site_tree, title="Zorglub intranet")
    with commit():
        lifecycle.accept(client_request)

    for name in ("gamma", "beta"):  # other region, or no skill: not routed to them
        client.force_login(web_people[name])
        assert client.get(client_request.url).status_code == 404
        assert all("Zorglub" not in body for body in pages_of(client, client_request).values()), name

    client.force_login(web_people["delta"])  # routed, not answered: the need, not the person
    page = client.get(client_request.url).content.decode()
    assert "Zorglub intranet" in page and "Zorgdupont" not in page and "camille.zorgdupont" not in page
    assert "Zorglub intranet" in client.get("/compte/notifications/").content.decode()

    client.force_login(web_people["alpha"])
    client.post(f"/demandes/{client_request.pk}/interet/", {"role": "développement", "note": "Dispo en mars"})
    page = client.get(client_request.url).content.decode()
    assert "Camille Zorgdupont" in page and "camille.zorgdupont@example.net" in page


def test_a_national_request_shows_to_every_member(client, site_tree, web_people, people, commit):
    client_request = make_request(site_tree, region=None, title="Zorglub national")
    with commit():
        lifecycle.accept(client_request)
    client.force_login(web_people["beta"])  # no web skill, but the request went national
    assert "Zorglub national" in client.get(client_request.url).content.decode()
    client.force_login(people["outsider"])  # signed in, not a member
    assert client.get(client_request.url).status_code == 404


def test_a_member_who_left_their_cooperative_no_longer_sees_it(client, site_tree, web_people, commit):
    client_request = make_request(site_tree, title="Zorglub intranet")
    with commit():
        lifecycle.accept(client_request)
    alpha = web_people["alpha"]
    client.force_login(alpha)
    assert client.get(client_request.url).status_code == 200
    profile = alpha.kb_profile
    profile.cooperative = site_tree["coop_b"]
    profile.save()
    assert client.get(client_request.url).status_code == 404
    assert "Zorglub" not in client.get("/compte/notifications/").content.decode()


def test_requests_never_reach_search_sitemaps_or_feeds(client, site_tree, web_people, commit):
    client_request = make_request(site_tree, title="Zorglub intranet", description="Zorglub partout")
    with commit():
        lifecycle.accept(client_request)
    client.force_login(web_people["alpha"])
    for url in (
        "/recherche/?q=intranet",  # the page writes back what was typed: the title's other word
        "/api/search/?q=zorglub",
        "/api/search/suggest/?q=zorg",
        "/sitemap.xml",
        "/plan-du-site/",
        "/outils/flux/atom/",
    ):
        body = client.get(url).content.decode().lower()
        assert "zorglub" not in body, url
    assert "Zorglub" in client.get(client_request.url).content.decode()  # the positive control


def test_the_rule_for_many_is_the_rule_for_one(site_tree, people, web_people, commit):
    """users_who_may_see (notifications to many) and visible_requests (every page) agree."""
    everyone = [*people.values(), *web_people.values()]
    regional = make_request(site_tree)
    national = make_request(site_tree, region=None)
    waiting = make_request(site_tree, title="En attente")
    with commit():
        lifecycle.accept(regional)
        lifecycle.accept(national)
    members = {"member_a", "member_b", "editor_a", "editor_b", "alpha", "beta", "gamma", "delta"}
    expected = {
        regional: {"moderator", "member_a", "editor_a", "alpha", "delta"},  # the Alpha and Delta people
        national: {"moderator", *members},
        waiting: {"moderator"},
    }
    for client_request, allowed in expected.items():
        client_request.refresh_from_db()
        one_by_one = {user.username for user in everyone if access.may_see(user, client_request)}
        at_once = {user.username for user in access.users_who_may_see(client_request, everyone)}
        assert one_by_one == at_once == allowed, client_request.title
