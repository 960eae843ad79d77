"""Staying informed, as people live it on the demo network: follow, a moderated change, the
notification and its differences, a mention, the digest and its unsubscribe link."""

import re

from django.core import mail as outbox
from django.core.management import call_command

from following.models import Delivery, DeliveryPreference, Notification
from practices.models import ProcedurePage
from tests.browser.helpers import log_in, screenshot, serious_violations
from tests.browser.journey_data import give_password
from tests.browser.test_journeys import other_person
from tests.factories import PASSWORD

NEW_SUMMARY = "Relire chaque demande de fusion à deux, avec une grille commune, en une demi-journée."
UNSUBSCRIBE = re.compile(r"https?://\S+/compte/notifications/desabonnement/\S+/")


def admin_log_in(admin, base, username):
    admin.goto(base + "/admin/login/")
    admin.locator("#id_username").fill(username)
    admin.locator("#id_password").fill(PASSWORD)
    admin.keyboard.press("Enter")
    admin.wait_for_url(base + "/admin/")


def test_member_follows_a_procedure_and_hears_of_its_change_and_a_mention(
    demo_site, browser, guard, page, settings
):
    settings.KB_BASE_URL = demo_site.url
    member = give_password("membre")
    editor = give_password("editrice")
    for username in ("moderatrice", "membre-brique"):
        give_password(username)
    # She wrote it: Wagtail lets an editor edit the pages she owns in the shared sections.
    ProcedurePage.objects.filter(slug="revue-de-code").update(owner=editor)
    procedure = ProcedurePage.objects.get(slug="revue-de-code")

    # The member follows the procedure.
    log_in(page, demo_site.url, "membre", PASSWORD)
    page.goto(demo_site.url + procedure.url)
    page.get_by_role("button", name="Suivre", exact=True).click()
    followed = page.get_by_role("status").filter(has_text="Vous suivez « Revue de code avant fusion »")
    assert followed.is_visible()
    assert page.get_by_role("button", name="Ne plus suivre").is_visible()

    # Its cooperative's editor changes it and submits it; the moderator approves it.
    editor_context, editor = other_person(browser, guard)
    admin_log_in(editor, demo_site.url, "editrice")
    editor.goto(f"{demo_site.url}/admin/pages/{procedure.pk}/edit/")
    editor.locator("#id_summary").fill(NEW_SUMMARY)
    editor.locator("#id_change_note").fill("Une demi-journée suffit")
    editor.get_by_role("button", name=re.compile("Plus d'actions|More actions")).click()
    editor.get_by_role("button", name=re.compile(r"^(Soumettre|Submit)", re.I)).click()
    editor.locator(".messages .success").wait_for()
    editor_context.close()
    assert not Notification.objects.filter(recipient=member).exists()  # nothing public yet

    moderator_context, moderator = other_person(browser, guard)
    admin_log_in(moderator, demo_site.url, "moderatrice")
    moderator.goto(f"{demo_site.url}/admin/pages/{procedure.pk}/edit/")
    moderator.get_by_role("button", name=re.compile("Plus d'actions|More actions")).click()
    approve = re.compile("^(Approuver et publier|Approve and publish)$", re.I)
    moderator.get_by_role("button", name=approve).click()
    moderator.locator(".messages .success").wait_for()
    moderator_context.close()

    # The member sees the notification and opens the differences it brought.
    page.reload()
    header = page.get_by_role("link", name=re.compile("Notifications"))
    assert header.locator(".badge").inner_text().split()[0] == "1"
    header.click()
    page.wait_for_url("**/compte/notifications/")
    item = page.locator("li.notification", has_text="Revue de code avant fusion")
    assert "Nouvelle version" in item.inner_text() and "Une demi-journée suffit" in item.inner_text()
    assert serious_violations(page) == []
    screenshot(page, "journey-notifications")
    item.get_by_role("link", name="Revue de code avant fusion").click()
    page.wait_for_url(re.compile(r"/versions/comparer/\?a=\d+"))
    assert page.locator("ins", has_text="demi-journée").first.is_visible()
    assert page.locator("del", has_text="jour").first.is_visible()
    assert page.get_by_text("Une demi-journée suffit").first.is_visible()
    assert serious_violations(page) == []
    screenshot(page, "journey-changes")

    # Another member mentions the first in a comment; the first is told.
    other_context, other = other_person(browser, guard)
    log_in(other, demo_site.url, "membre-brique", PASSWORD)
    other.goto(demo_site.url + procedure.url)
    other.get_by_label("Votre commentaire").fill("@membre, la demi-journée vaut aussi pour nous ?")
    other.get_by_role("button", name="Publier").click()
    other.wait_for_url("**/revue-de-code/#commentaires")
    other_context.close()
    page.goto(demo_site.url + "/compte/notifications/")
    mention = page.locator("li.notification", has_text="Mention")
    assert mention.get_by_role("link", name="Revue de code avant fusion").is_visible()

    # The daily digest: the change and the mention, with a link that unsubscribes without signing in.
    outbox.outbox.clear()
    call_command("send_digests", Delivery.DAILY, verbosity=0)
    [digest] = [message for message in outbox.outbox if message.to == [member.email]]
    assert "Revue de code avant fusion" in digest.body and "Une demi-journée suffit" in digest.body
    assert "Mention" in digest.body and "Nouvelle version" in digest.body
    link = UNSUBSCRIBE.search(digest.body).group(0)

    visitor_context, visitor = other_person(browser, guard)
    visitor.goto(link)
    visitor.get_by_role("button", name=re.compile("Ne plus recevoir|Confirmer|Me désabonner")).click()
    assert visitor.get_by_role("status").filter(has_text="C'est fait").is_visible()
    visitor_context.close()
    assert DeliveryPreference.objects.filter(user=member, delivery=Delivery.NEVER).exists()
