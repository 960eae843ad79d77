"""« Déposer une demande »: a public form, an acknowledgement with a signed link, and no robot's post kept."""

import re

from django.core import mail

import pytest

from client_requests.models import ClientRequest
from tests.client_requests.conftest import form_data, started

STATUS_LINK = re.compile(r"http://\S+/demandes/suivi/\S+/")


def test_a_visitor_files_a_request_and_gets_a_link_to_follow_it(client, site_tree, commit):
    page = client.get("/demandes/nouvelle/").content.decode()
    assert "Déposer une demande" in page and "Développement web" in page and "Tout le réseau" in page
    assert "effacés 365 jours après la clôture" in page  # how long the data is kept, said before sending

    with commit():
        response = client.post("/demandes/nouvelle/", form_data(site_tree))
    filed = ClientRequest.objects.get()
    assert filed.status == ClientRequest.Status.NEW and filed.consented_at is not None
    assert list(filed.skills.all()) == [site_tree["skills"]["web"]]
    assert filed.region == site_tree["region_ara"]
    [message] = mail.outbox
    assert message.to == ["camille.zorgdupont@example.net"]
    assert "Refaire le site de l'association" in message.subject
    link = STATUS_LINK.search(message.body).group(0)
    assert response.status_code == 302 and link.endswith(response.url)

    status = client.get(response.url)
    assert status.status_code == 200 and status["Cache-Control"] == "private, no-store"
    body = status.content.decode()
    assert "attend la relecture des modérateurs" in body and "Effacer mes données" in body


def test_the_english_form_sends_an_english_acknowledgement(client, site_tree, commit):
    with commit():
        client.post("/demandes/nouvelle/", form_data(site_tree), HTTP_ACCEPT_LANGUAGE="en")
    assert ClientRequest.objects.get().language == "en"
    assert mail.outbox[0].subject.startswith("CoopKB — your request")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": ""}, "title", "Champ requis."),
        ({"skills": None}, "skills", "Choisissez au moins une compétence."),
        ({"contact_email": "camille@"}, "contact_email", "Saisissez une adresse de courriel valide."),
        ({"consent": None}, "consent", "Sans cet accord, les coopératives ne pourraient pas vous répondre."),
        ({"region": "999999"}, "region", "Sélectionnez un choix valide."),
        ({"description": "x" * 5001}, "description", "5000 caractères"),
        ({"timing": "demain"}, "timing", "Sélectionnez un choix valide."),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(client, site_tree, changes, field, message):
    response = client.post("/demandes/nouvelle/", form_data(site_tree, **changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Camille Zorgdupont" in body or field == "contact_name"
    assert "Les Ateliers du Rhône" in body.replace("&#x27;", "'")
    assert not ClientRequest.objects.exists() and not mail.outbox


def test_the_honeypot_rejects_and_nothing_is_stored(client, site_tree):
    response = client.post("/demandes/nouvelle/", form_data(site_tree, website="http://spam.example"))
    assert response.status_code == 400
    assert "ressemble à celui d'un robot" in response.content.decode()
    assert not ClientRequest.objects.exists() and not mail.outbox


@pytest.mark.parametrize("token", [1, 3 * 86400, "forged", ""])
def test_a_form_sent_too_fast_or_with_a_forged_clock_is_kept_and_asked_again(client, site_tree, token):
    token = started(seconds_ago=token) if isinstance(token, int) else token
    response = client.post("/demandes/nouvelle/", form_data(site_tree, started=token))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Relisez votre demande, puis envoyez-la à nouveau." in body
    assert "Camille Zorgdupont" in body  # kept
    assert not ClientRequest.objects.exists()
    # The clock restarted: the same data sent again after the minimum time goes through.
    assert re.search(r'name="started" value="[^"]+"', body)


def test_a_burst_from_one_address_answers_429_and_stores_nothing_more(client, site_tree, settings):
    settings.KB_RATE_LIMITS = {**settings.KB_RATE_LIMITS, "client_request": (2, 3600)}
    for _ in range(2):
        assert client.post("/demandes/nouvelle/", form_data(site_tree)).status_code == 302
    response = client.post("/demandes/nouvelle/", form_data(site_tree))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Trop de demandes envoyées" in response.content.decode()
    assert ClientRequest.objects.count() == 2
    assert client.get("/demandes/nouvelle/").status_code == 200  # reading the form is not counted


@pytest.mark.parametrize("token", ["abc", "", "x" * 300, "eyJyIjoxfQ:1abc:forged"])
def test_a_bad_status_link_is_a_clear_404(client, db, token):
    response = client.get(f"/demandes/suivi/{token}/" if token else "/demandes/suivi/%20/")
    assert response.status_code == 404
    assert "Ce lien ne mène à aucune demande" in response.content.decode()


def test_the_home_and_network_pages_lead_to_the_form(client, site_tree):
    for url in ("/", site_tree["network"].url):
        assert 'href="/demandes/nouvelle/"' in client.get(url).content.decode(), url
