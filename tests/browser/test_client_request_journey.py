"""One request, one contact, as people live it on the demo network: a visitor files a request, a
moderator accepts it, two cooperatives say they are interested, one leads, the client sees one contact."""

import re

from client_requests.models import ClientRequest
from tests.browser.helpers import log_in, screenshot, serious_violations
from tests.browser.journey_data import give_password
from tests.browser.test_following_journey import admin_log_in
from tests.browser.test_journeys import other_person
from tests.factories import PASSWORD


def test_a_visitors_request_reaches_two_cooperatives_and_comes_back_with_one_contact(
    demo_site, browser, guard, page, settings
):
    settings.KB_BASE_URL = demo_site.url
    settings.KB_REQUEST_MIN_SECONDS = 1  # people take longer; the journey types fast
    for username in ("moderatrice", "membre", "membre-brique"):
        give_password(username)

    # A visitor, no account, from the network's page.
    page.goto(demo_site.url + "/reseau/")
    page.get_by_role("link", name="Déposer une demande").click()
    page.wait_for_url("**/demandes/nouvelle/")
    assert serious_violations(page) == []
    page.get_by_label("Votre besoin en une phrase").fill("Un portail adhérents hébergé en France")
    page.get_by_label("Description").fill("Un portail pour nos 300 adhérents, chez un hébergeur libre.")
    page.get_by_label("Région").select_option(label="Tout le réseau (national)")
    page.get_by_label("Développement web").check()
    page.get_by_label("Infogérance").check()
    page.get_by_label("Type d'organisation").select_option(label="Association")
    page.get_by_label("Votre nom").fill("Camille Martin")
    page.get_by_label("Votre e-mail").fill("camille@example.net")
    page.get_by_label(re.compile("J'accepte que les modérateurs")).check()
    screenshot(page, "journey-client-request-form")
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url(re.compile(r"/demandes/suivi/[^/]+/$"))
    status_url = page.url
    assert page.get_by_text("attend la relecture des modérateurs").is_visible()
    client_request = ClientRequest.objects.get()

    # The moderator accepts it in the admin.
    moderator_context, moderator = other_person(browser, guard)
    admin_log_in(moderator, demo_site.url, "moderatrice")
    moderator.get_by_role("link", name="Demandes des clients").first.click()
    moderator.get_by_role("link", name="Un portail adhérents hébergé en France").click()
    moderator.get_by_role("button", name="Accepter et transmettre").click()
    moderator.locator(".messages .success").wait_for()
    moderator_context.close()

    # Two cooperatives with one of the skills say they are interested; one proposes to lead, the
    # other agrees.
    log_in(page, demo_site.url, "membre", PASSWORD)
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.locator("li.notification", has_text="Nouvelle demande de client").get_by_role("link").click()
    page.wait_for_url(f"**/demandes/{client_request.pk}/")
    page.get_by_label("Votre rôle dans le projet").fill("développement du portail")
    page.get_by_role("button", name="Nous sommes intéressés").click()
    assert page.get_by_text("camille@example.net").is_visible()  # the client, to those who answered

    other_context, other = other_person(browser, guard)
    log_in(other, demo_site.url, "membre-brique", PASSWORD)
    other.goto(f"{demo_site.url}/demandes/{client_request.pk}/")
    other.get_by_label("Votre rôle dans le projet").fill("hébergement et infogérance")
    other.get_by_role("button", name="Nous sommes intéressés").click()

    page.reload()
    page.get_by_role("button", name="Proposer d'être chef de file").click()
    assert page.get_by_role("status").filter(has_text="Proposition envoyée").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "journey-client-request-members")

    other.reload()
    other.get_by_role("button", name="D'accord pour que Les Octets Solidaires soit chef de file").click()
    assert other.get_by_role("status").filter(has_text="Votre accord est enregistré").is_visible()
    other_context.close()

    # The client's page shows one contact: the lead, with the consortium named.
    visitor_context, visitor = other_person(browser, guard)
    visitor.goto(status_url)
    contact = visitor.locator("section", has=visitor.get_by_role("heading", name="Votre contact"))
    assert "Les Octets Solidaires coordonne la réponse" in contact.inner_text()
    assert contact.get_by_role("link", name="contact@les-octets-solidaires.example").is_visible()
    assert "Avec : Brique Numérique" in contact.inner_text()
    assert serious_violations(visitor) == []
    screenshot(visitor, "journey-client-request-status")
    visitor_context.close()
    assert ClientRequest.objects.get().status == ClientRequest.Status.CONSORTIUM
