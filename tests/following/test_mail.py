"""Notification e-mails: at once or in digests, never about what the member may not read now, each
with a signed link that unsubscribes without signing in."""

import re

from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command

import pytest

from following import mail
from following.models import Delivery, DeliveryPreference, Notification
from tests.following.test_following import follow, publish
from tests.search.conftest import restrict

NEW_VERSION = Notification.Kind.NEW_VERSION


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def choose(user, delivery, kind=NEW_VERSION):
    DeliveryPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def unsubscribe_path(message):
    return re.search(r"https?://[^/\s]+(/compte/notifications/desabonnement/[^/\s]+/)", message.body).group(1)


def test_at_once_one_e_mail_per_version_with_its_note_and_an_unsubscribe_link(
    client, people, procedure, commit, mailoutbox
):
    follow(client, people["member_a"], procedure)
    choose(people["member_a"], Delivery.IMMEDIATELY)
    with commit():
        publish(procedure, people["editor_a"], summary="Plus court.", change_note="Étapes fusionnées")
    (message,) = mailoutbox
    assert message.to == [people["member_a"].email]
    assert procedure.title in message.subject
    assert "Étapes fusionnées" in message.body and procedure.full_url in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(message) in message.extra_headers["List-Unsubscribe"]
    assert Notification.objects.get().mailed_at is not None


def test_the_daily_digest_gathers_the_day_once(client, people, procedure, category, commit, mailoutbox):
    follow(client, people["member_a"], category)  # the default: a daily digest
    with commit():
        publish(procedure, people["editor_a"], summary="Un.", change_note="Premier changement")
        publish(procedure, people["editor_b"], summary="Deux.", change_note="Second changement")
    assert mailoutbox == []
    call_command("send_digests", "daily")
    (digest,) = mailoutbox
    assert "Premier changement" in digest.body and "Second changement" in digest.body
    call_command("send_digests", "daily")
    call_command("send_digests", "weekly")
    assert len(mailoutbox) == 1


def test_the_digest_names_nothing_the_member_may_no_longer_read(
    client, people, procedure, commit, mailoutbox
):
    committee = Group.objects.create(name="Comité de reprise")
    people["member_b"].groups.add(committee)
    for name in ("member_a", "member_b"):
        follow(client, people[name], procedure)
    with commit():
        publish(procedure, people["editor_a"], summary="Zorglub.", change_note="Zorglub")
    restrict(procedure, "groups", [committee])  # after the fan-out, before the digest
    mail.send_digests(Delivery.DAILY)
    (message,) = mailoutbox  # the positive control: the member of the group still gets it
    assert message.to == [people["member_b"].email] and "Zorglub" in message.body
    assert not Notification.objects.filter(mailed_at=None).exists()  # member_a's is not kept for later


def test_unsubscribing_needs_no_sign_in_and_a_get_changes_nothing(
    client, people, procedure, commit, mailoutbox
):
    follow(client, people["member_a"], procedure)
    choose(people["member_a"], Delivery.IMMEDIATELY)
    with commit():
        publish(procedure, people["editor_a"], summary="Autre.")
    path = unsubscribe_path(mailoutbox[0])
    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    assert DeliveryPreference.objects.get(user=people["member_a"]).delivery == Delivery.IMMEDIATELY
    done = client.post(path)
    assert done.status_code == 200 and "C'est fait" in done.content.decode()
    assert DeliveryPreference.objects.get(user=people["member_a"]).delivery == Delivery.NEVER
    with commit():
        publish(procedure, people["editor_a"], summary="Encore.")
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("token", ["nimportequoi", "eyJ1c2VyIjoxfQ:1abc:forged", "x" * 3000])
def test_a_broken_unsubscribe_link_gets_a_message_not_an_error(client, token):
    response = client.post(f"/compte/notifications/desabonnement/{token}/")
    assert response.status_code == 400 and "pas valide" in response.content.decode()


def test_a_token_for_another_purpose_is_refused(client, people):
    forged = signing.dumps({"user": people["member_a"].pk, "kind": "new_version"}, salt="another.salt")
    assert client.post(f"/compte/notifications/desabonnement/{forged}/").status_code == 400


def test_preferences_are_chosen_per_kind_and_bad_input_changes_nothing(client, people):
    client.force_login(people["member_a"])
    choose(people["member_a"], Delivery.WEEKLY)
    form = dict.fromkeys(Notification.Kind.values, Delivery.DAILY) | {"language": "fr"}
    bad = client.post("/compte/notifications/e-mails/", {**form, NEW_VERSION: "souvent"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    assert DeliveryPreference.objects.get(user=people["member_a"]).delivery == Delivery.WEEKLY
    client.post("/compte/notifications/e-mails/", {**form, NEW_VERSION: Delivery.NEVER})
    chosen = dict(DeliveryPreference.objects.filter(user=people["member_a"]).values_list("kind", "delivery"))
    assert chosen[NEW_VERSION] == Delivery.NEVER and chosen[Notification.Kind.NEW_REVIEW] == Delivery.DAILY
