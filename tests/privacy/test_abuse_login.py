"""Login throttling (django-axes) on the site's and Wagtail's login forms, and its release."""

import html
from datetime import timedelta

from django.core.management import call_command
from django.test import Client

import pytest
from axes.models import AccessAttempt, AccessLog

from tests.factories import PASSWORD

LOGIN_URLS = ["/compte/connexion/", "/admin/login/"]


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


WRONG = "mauvais-mot-de-passe"


def attempt(client, url, username, password=WRONG):
    return client.post(url, {"username": username, "password": password})


def text(response):
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_an_account_is_locked_after_repeated_failures_with_a_message_on_the_login_page(people, axes_on, url):
    client = Client(REMOTE_ADDR="192.0.2.1")
    for _number in range(2):
        assert attempt(client, url, "member_a").status_code == 200
    response = attempt(client, url, "member_a")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    assert "bloquée pendant 15 minutes" in text(response)
    assert 'name="password"' in text(response)  # still the login page, not a bare error

    # Even the right password is refused now, from another address too: the account is locked.
    other = Client(REMOTE_ADDR="198.51.100.2")
    response = attempt(other, url, "member_a", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in other.session


def test_an_address_is_locked_whatever_account_it_tries(people, axes_on):
    client = Client(REMOTE_ADDR="192.0.2.3")
    for username in ("alice", "bob"):
        attempt(client, "/compte/connexion/", username)
    assert attempt(client, "/compte/connexion/", "carol").status_code == 429
    # member_b has no failure of their own, but this address is locked.
    assert attempt(client, "/compte/connexion/", "member_b", PASSWORD).status_code == 429
    fresh = Client(REMOTE_ADDR="198.51.100.4")
    response = attempt(fresh, "/compte/connexion/", "member_b", PASSWORD)
    assert response.status_code == 302 and "_auth_user_id" in fresh.session


def test_the_lockout_message_is_english_in_the_english_interface(people, axes_on):
    client = Client(REMOTE_ADDR="192.0.2.5")
    client.cookies["django_language"] = "en"
    for _number in range(3):
        response = attempt(client, "/compte/connexion/", "member_a")
    assert response.status_code == 429
    assert "locked for 15 minutes" in text(response)


def test_the_lockout_ends_after_the_cool_off_time(people, axes_on):
    client = Client(REMOTE_ADDR="192.0.2.6")
    for _number in range(3):
        attempt(client, "/compte/connexion/", "member_a")
    assert attempt(client, "/compte/connexion/", "member_a", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    response = attempt(client, "/compte/connexion/", "member_a", PASSWORD)
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_success_clears_the_accounts_failures_and_logs_nothing(people, axes_on):
    client = Client(REMOTE_ADDR="192.0.2.7")
    for _number in range(2):
        attempt(client, "/compte/connexion/", "member_a")
    assert attempt(client, "/compte/connexion/", "member_a", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="member_a").exists()
    assert not AccessLog.objects.exists()  # successful logins leave no trace


def test_a_moderator_sees_and_releases_a_locked_account_in_the_admin(people, axes_on):
    client = Client(REMOTE_ADDR="192.0.2.8")
    for _number in range(3):
        attempt(client, "/compte/connexion/", "member_a")
    moderator = Client()
    moderator.force_login(people["moderator"])

    report = moderator.get("/admin/reports/login-lockouts/")
    assert report.status_code == 200
    assert "member_a" in text(report) and "192.0.2.8" in text(report)
    assert "/admin/reports/login-lockouts/" in text(moderator.get("/admin/"))  # in the Reports menu

    released = moderator.post(
        "/admin/reports/login-lockouts/release/", {"kind": "username", "value": "member_a"}
    )
    assert released.status_code == 302
    response = attempt(Client(REMOTE_ADDR="198.51.100.8"), "/compte/connexion/", "member_a", PASSWORD)
    assert response.status_code == 302


def test_a_moderator_releases_a_locked_address(people, axes_on):
    client = Client(REMOTE_ADDR="192.0.2.9")
    for username in ("alice", "bob", "carol"):
        attempt(client, "/compte/connexion/", username)
    moderator = Client()
    moderator.force_login(people["moderator"])
    moderator.post("/admin/reports/login-lockouts/release/", {"kind": "ip_address", "value": "192.0.2.9"})
    assert attempt(client, "/compte/connexion/", "member_b", PASSWORD).status_code == 302


def test_only_moderators_reach_the_release_view(people, axes_on):
    editor = Client()
    editor.force_login(people["editor_a"])
    assert editor.get("/admin/reports/login-lockouts/").status_code in (302, 403)
    for _number in range(3):
        attempt(Client(REMOTE_ADDR="192.0.2.10"), "/compte/connexion/", "member_a")
    editor.post("/admin/reports/login-lockouts/release/", {"kind": "username", "value": "member_a"})
    assert AccessAttempt.objects.filter(username="member_a").exists()


def test_axes_reset_command_releases_everything(people, axes_on):
    for _number in range(3):
        attempt(Client(REMOTE_ADDR="192.0.2.11"), "/compte/connexion/", "member_a")
    call_command("axes_reset_username", "member_a", verbosity=0)
    assert attempt(Client(), "/compte/connexion/", "member_a", PASSWORD).status_code == 302
