"""Personal data ends: on the client's demand from the status page, and after the retention period."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from client_requests.models import ClientRequest
from client_requests.tokens import status_token
from tests.client_requests.conftest import make_request

Status = ClientRequest.Status


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_the_client_erases_their_data_from_the_status_page(client, site_tree):
    client_request = make_request(site_tree, status=Status.OPEN)
    url = f"/demandes/suivi/{status_token(client_request)}/"
    response = client.post(url, {"action": "delete"})  # not confirmed: nothing erased
    assert "Cochez la case" in client.get(response.url).content.decode()
    assert ClientRequest.objects.get().contact_email

    response = client.post(url, {"action": "delete", "confirm": "1"})
    assert response.status_code == 200
    assert "Vos données personnelles ont été effacées" in response.content.decode()
    erased = ClientRequest.objects.get()
    assert (erased.contact_name, erased.contact_email, erased.description) == ("", "", "")
    assert erased.status == Status.DROPPED and erased.anonymised_at is not None
    assert client.get(url).status_code == 404  # the old link ends with the data


def test_the_purge_erases_what_the_retention_period_says(site_tree, settings, capsys):
    settings.KB_REQUEST_RETENTION_DAYS = 365
    settings.KB_REQUEST_SPAM_DAYS = 30
    old_closed = make_request(site_tree, status=Status.WON, title="Gagnée il y a longtemps")
    recent_closed = make_request(site_tree, status=Status.LOST, title="Perdue récemment")
    open_recent = make_request(site_tree, status=Status.OPEN, title="En cours")
    open_forgotten = make_request(site_tree, status=Status.OPEN, title="Oubliée")
    old_spam = make_request(site_tree, status=Status.SPAM, title="Vieux spam")
    new_spam = make_request(site_tree, status=Status.SPAM, title="Spam récent")
    ClientRequest.objects.filter(pk=old_closed.pk).update(status_changed_at=days_ago(400))
    ClientRequest.objects.filter(pk=recent_closed.pk).update(status_changed_at=days_ago(100))
    ClientRequest.objects.filter(pk=open_forgotten.pk).update(created_at=days_ago(800))
    ClientRequest.objects.filter(pk=old_spam.pk).update(status_changed_at=days_ago(31))

    call_command("purge_requests")
    assert "2 demande(s) anonymisée(s), 1 demande(s) indésirable(s) supprimée(s)" in capsys.readouterr().out

    erased = {r.title: r.contact_email == "" for r in ClientRequest.objects.all()}
    assert erased == {
        "Gagnée il y a longtemps": True,
        "Oubliée": True,
        "Perdue récemment": False,
        "En cours": False,
        "Spam récent": False,
    }
    assert not ClientRequest.objects.filter(pk=old_spam.pk).exists()
    assert ClientRequest.objects.filter(pk=new_spam.pk).exists()
    assert open_recent.pk  # untouched above
    call_command("purge_requests")  # nothing left to do: idempotent
    assert "0 demande(s) anonymisée(s), 0" in capsys.readouterr().out
