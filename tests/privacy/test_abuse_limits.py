"""Rate limits per client address (and account): review drafts, comment edits, the search API."""

import html

from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

import pytest

from core.limits import client_address
from practices.models import Comment
from tests.privacy.abuse_content import build_content
from tests.tooling.test_review_form import VALID
from tooling.models import ReviewPage


@pytest.fixture
def content(site_tree, people):
    cache.clear()
    return build_content(site_tree, people)


@pytest.fixture
def low_limits(settings):
    cache.clear()
    settings.KB_RATE_LIMITS = {
        **settings.KB_RATE_LIMITS,
        "review": (2, 3600),
        "comment": (2, 60),
        "comment_edit": (2, 60),
        "search": (3, 60),
        "suggest": (3, 60),
    }
    yield
    cache.clear()


def assert_refused(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600


def test_review_drafts_are_limited_and_the_third_sends_no_mail(client, content, people, low_limits):
    client.force_login(people["member_a"])
    url = content["matrix"].url + "avis/nouveau/"
    for _number in range(2):
        assert client.post(url, VALID).status_code == 302
    sent, drafts = len(mail.outbox), ReviewPage.objects.count()

    response = client.post(url, VALID)

    assert_refused(response)
    text = html.unescape(response.content.decode())
    assert "trop d'avis" in text and "Réessayez dans" in text
    assert (len(mail.outbox), ReviewPage.objects.count()) == (sent, drafts)
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_the_limit_is_per_address_not_only_per_account(content, people, low_limits):
    url = content["matrix"].url + "avis/nouveau/"
    for username in ("member_a", "member_b"):
        client = Client(REMOTE_ADDR="192.0.2.7")
        client.force_login(people[username])
        assert client.post(url, VALID).status_code == 302
    third = Client(REMOTE_ADDR="192.0.2.7")
    third.force_login(people["editor_a"])
    assert third.post(url, VALID).status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    elsewhere.force_login(people["editor_b"])
    assert elsewhere.post(url, VALID).status_code == 302


def test_comment_edits_are_limited(client, content, people, low_limits):
    client.force_login(people["member_a"])
    comment = content["comment"]
    url = f"{content['procedure'].url}commentaires/{comment.pk}/modifier/"
    for number in range(2):
        assert client.post(url, {"body": f"Version {number}"}).status_code == 302

    response = client.post(url, {"body": "Version de trop"})

    assert_refused(response)
    assert "modifié trop de commentaires" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Version 1"


def test_comment_creation_uses_the_same_limit(client, content, people, low_limits):
    client.force_login(people["member_b"])
    url = f"{content['procedure'].url}commentaires/"
    for number in range(2):
        assert client.post(url, {"body": f"Commentaire {number}"}).status_code == 302
    response = client.post(url, {"body": "De trop"})
    assert_refused(response)
    assert Comment.objects.count() == 3  # the fixture's comment and the two accepted


@pytest.mark.parametrize("url", ["/api/search/", "/api/search/suggest/"])
def test_search_api_is_limited_with_a_json_message(client, content, low_limits, url):
    for _number in range(3):
        assert client.get(url, {"q": "sauvegarde"}).status_code == 200

    response = client.get(url, {"q": "sauvegarde"})

    assert_refused(response)
    assert "en peu de temps" in response.json()["error"]
    assert Client(REMOTE_ADDR="198.51.100.9").get(url, {"q": "sauvegarde"}).status_code == 200


def test_search_page_is_limited_too(client, content, low_limits):
    for _number in range(3):
        assert client.get("/recherche/", {"q": "sauvegarde"}).status_code == 200
    response = client.get("/recherche/", {"q": "sauvegarde"})
    assert_refused(response)
    assert "Trop de recherches" in response.content.decode()


def test_the_message_is_english_in_the_english_interface(client, content, low_limits):
    client.cookies["django_language"] = "en"
    for _number in range(3):
        client.get("/api/search/", {"q": "sauvegarde"})
    error = client.get("/api/search/", {"q": "sauvegarde"}).json()["error"]
    assert "Too many searches" in error and "Try again in" in error


def test_counters_are_shared_through_the_cache(content, low_limits):
    # Two workers share nothing but the cache: a cleared cache is a fresh start.
    client = Client()
    for _number in range(3):
        client.get("/api/search/", {"q": "sauvegarde"})
    assert client.get("/api/search/", {"q": "sauvegarde"}).status_code == 429
    cache.clear()
    assert client.get("/api/search/", {"q": "sauvegarde"}).status_code == 200


def test_cache_keys_hold_no_address(content, low_limits):
    Client(REMOTE_ADDR="203.0.113.77").get("/api/search/", {"q": "sauvegarde"})
    keys = list(cache._cache)  # LocMemCache's store
    assert keys and not any("203.0.113.77" in key for key in keys)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no trusted proxy: X-Forwarded-For is ignored
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the proxy appended the client
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "unknown"),
        (2, "198.51.100.1, 203.0.113.5", "198.51.100.1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(count, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(KB_TRUSTED_PROXY_COUNT=count):
        assert client_address(request) == expected
