"""Cooperatives answer together: interest, discussion, a lead agreed by the others (or named by a
moderator), and the client's single contact; the moderators' triage and report."""

import re

from django.core import mail

import pytest

from client_requests import lifecycle
from client_requests.models import ClientRequest, Interest
from client_requests.tokens import status_token
from following.models import Notification
from kb.factories import SkillFactory, UserFactory
from tests.client_requests.conftest import make_request
from tests.factories import PASSWORD


@pytest.fixture
def routed(site_tree, coop_d, commit):
    """A request routed to Coop Alpha and Coop Delta (web, in Auvergne-Rhône-Alpes)."""
    client_request = make_request(site_tree)
    with commit():
        lifecycle.accept(client_request)
    mail.outbox.clear()
    return client_request


@pytest.fixture
def alpha(site_tree):
    return UserFactory(username="alpha", role="member", cooperative=site_tree["coop_a"], password=PASSWORD)


@pytest.fixture
def delta(coop_d):
    return UserFactory(username="delta", role="member", cooperative=coop_d, password=PASSWORD)


def interested(client, user, client_request, role="développement"):
    client.force_login(user)
    return client.post(f"/demandes/{client_request.pk}/interet/", {"role": role, "note": ""})


def lead(client, user, client_request, action):
    client.force_login(user)
    return client.post(f"/demandes/{client_request.pk}/chef-de-file/", {"action": action})


def test_two_cooperatives_answer_one_leads_and_the_client_sees_one_contact(
    client, site_tree, routed, alpha, delta, coop_d, commit
):
    status_url = f"/demandes/suivi/{status_token(routed)}/"
    assert "transmise aux coopératives" in client.get(status_url).content.decode()
    with commit():
        interested(client, alpha, routed, "développement")
        interested(client, delta, routed, "accessibilité")
    assert Notification.objects.filter(recipient=alpha, kind=Notification.Kind.REQUEST_UPDATE).count() == 1

    lead(client, alpha, routed, "propose")
    routed.refresh_from_db()
    assert routed.lead_id is None and routed.lead_proposed_id == site_tree["coop_a"].pk
    client.force_login(delta)
    assert "D'accord pour que Coop Alpha soit chef de file" in client.get(routed.url).content.decode()
    lead(client, delta, routed, "agree")
    routed.refresh_from_db()
    assert routed.lead_id == site_tree["coop_a"].pk
    assert routed.status == ClientRequest.Status.CONSORTIUM

    site_tree["coop_a"].contact_email = "contact@alpha.example"
    site_tree["coop_a"].save_revision().publish()
    client.logout()
    page = client.get(status_url).content.decode()
    assert "<strong>Coop Alpha</strong> coordonne la réponse" in page
    assert "contact@alpha.example" in page and "Avec : Coop Delta" in page
    assert len(re.findall(r"mailto:", page)) == 1  # one contact


def test_a_lone_cooperative_proposing_leads_at_once(client, routed, alpha):
    interested(client, alpha, routed)
    lead(client, alpha, routed, "propose")
    routed.refresh_from_db()
    assert routed.lead is not None


def test_lead_actions_need_an_interest_and_a_proposal(client, routed, alpha, delta):
    response = lead(client, alpha, routed, "propose")
    assert "Dites d&#x27;abord" in client.get(response.url).content.decode()
    interested(client, alpha, routed)
    response = lead(client, alpha, routed, "agree")
    assert "Il n&#x27;y a pas de proposition" in client.get(response.url).content.decode()
    response = lead(client, alpha, routed, "bogus")
    assert response.status_code == 302
    assert ClientRequest.objects.get().lead is None


def test_a_cooperative_answers_once_and_bad_answers_are_kept_and_explained(client, routed, alpha):
    response = interested(client, alpha, routed, role="")
    assert response.status_code == 400 and "Champ requis." in response.content.decode()
    interested(client, alpha, routed)
    response = interested(client, alpha, routed)
    assert "a déjà dit son intérêt" in client.get(response.url).content.decode()
    assert Interest.objects.count() == 1
    client.post(f"/demandes/{routed.pk}/message/", {"body": ""})
    assert not routed.messages.exists()
    client.post(f"/demandes/{routed.pk}/message/", {"body": "On se cale un appel ?"})
    assert "On se cale un appel ?" in client.get(routed.url).content.decode()


def test_only_the_lead_or_a_moderator_moves_the_request_on_and_the_client_is_told(
    client, routed, alpha, delta, people, commit
):
    interested(client, alpha, routed)
    interested(client, delta, routed)
    client.force_login(delta)
    assert client.post(f"/demandes/{routed.pk}/etat/", {"status": "won"}).status_code == 404
    lead(client, alpha, routed, "propose")
    lead(client, delta, routed, "agree")
    client.force_login(alpha)
    with commit():
        client.post(f"/demandes/{routed.pk}/etat/", {"status": "proposal"})
    assert ClientRequest.objects.get().status == ClientRequest.Status.PROPOSAL
    assert "Proposition envoyée" in mail.outbox[-1].subject
    response = client.post(f"/demandes/{routed.pk}/etat/", {"status": "spam"})  # not a progress step
    assert "État inconnu" in client.get(response.url).content.decode()
    assert ClientRequest.objects.get().status == ClientRequest.Status.PROPOSAL


def test_the_moderator_triages_in_the_admin(client, site_tree, people, alpha, commit):
    client_request = make_request(site_tree)
    client.force_login(people["moderator"])
    page = client.get("/admin/demandes/").content.decode()
    assert "Refaire le site de l&#x27;association" in page
    assert "Camille Zorgdupont" in client.get(f"/admin/demandes/{client_request.pk}/").content.decode()

    triage = f"/admin/demandes/{client_request.pk}/triage/"
    client.post(triage, {"action": "details", "question": ""})
    assert ClientRequest.objects.get().status == ClientRequest.Status.NEW
    with commit():
        client.post(triage, {"action": "details", "question": "Quel est votre calendrier ?"})
    assert ClientRequest.objects.get().status == ClientRequest.Status.DETAILS
    assert "Quel est votre calendrier ?" in mail.outbox[-1].body

    client.logout()
    status_url = f"/demandes/suivi/{status_token(client_request)}/"
    assert client.post(status_url, {"action": "details", "details": ""}).status_code == 400
    client.post(status_url, {"action": "details", "details": "Avant l'été."})
    client_request.refresh_from_db()
    assert client_request.status == ClientRequest.Status.NEW
    assert "Avant l'été." in client_request.client_details

    client.force_login(people["moderator"])
    with commit():
        client.post(triage, {"action": "accept"})
    assert ClientRequest.objects.get().status == ClientRequest.Status.OPEN
    assert Notification.objects.filter(recipient=alpha, kind=Notification.Kind.NEW_REQUEST).exists()
    response = client.post(triage, {"action": "spam"})  # no longer waiting for triage
    assert "pas possible" in client.get(response.url).content.decode()

    interested(client, alpha, client_request)
    client.force_login(people["moderator"])
    client.post(triage, {"action": "lead", "lead": site_tree["coop_b"].pk})  # not interested: refused
    assert ClientRequest.objects.get().lead is None
    client.post(triage, {"action": "lead", "lead": site_tree["coop_a"].pk})
    assert ClientRequest.objects.get().lead == site_tree["coop_a"]


def test_the_admin_is_for_moderators_only(client, site_tree, people):
    client_request = make_request(site_tree)
    for user in (people["editor_a"], people["member_a"]):
        client.force_login(user)
        for url in ("/admin/demandes/", f"/admin/demandes/{client_request.pk}/", "/admin/reports/demandes/"):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert "Zorgdupont" not in response.content.decode()
        client.post(f"/admin/demandes/{client_request.pk}/triage/", {"action": "accept"})
    assert ClientRequest.objects.get().status == ClientRequest.Status.NEW


def test_spam_is_rejected_and_routed_nowhere(client, site_tree, people, alpha):
    client_request = make_request(site_tree)
    client.force_login(people["moderator"])
    client.post(f"/admin/demandes/{client_request.pk}/triage/", {"action": "spam"})
    assert ClientRequest.objects.get().status == ClientRequest.Status.SPAM
    client.force_login(alpha)
    assert client.get(client_request.url).status_code == 404


def test_the_report_counts_regions_skills_answers_and_skills_nobody_offers(
    client, site_tree, people, routed, alpha
):

    design = SkillFactory(name="Design de services", slug="design")
    unmet = make_request(site_tree, title="Ateliers de design", skills=())
    unmet.skills.set([design])
    interested(client, alpha, routed)
    client.force_login(people["moderator"])
    page = client.get("/admin/reports/demandes/").content.decode()
    assert "1 demande(s) ayant reçu au moins une réponse sur 1 transmise(s)" in page
    unmet_section = page.split("qu'aucune coopérative n'offre")[1].split("<h2>")[0]
    assert "Design de services (1)" in unmet_section and "Développement web" not in unmet_section
    assert "Auvergne-Rhône-Alpes" in page
