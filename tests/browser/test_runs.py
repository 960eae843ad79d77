"""A checklist run, as a member lives it in a real browser: started from the checklist, answered item by
item (saved as she goes, by the page's JavaScript), a blocking KO with evidence, closed; the checklist then
changes; the run says it was made on the earlier version and what changed; the KO, sent as a suggestion,
reaches the checklist's authors.

Only set-up (the small network, a checklist) and the new published version touch the database directly.
"""

import re

from django.core import mail

from runs.models import Answer, Run
from tests.browser.helpers import log_in, screenshot, serious_violations
from tests.browser.test_journeys import other_person
from tests.factories import PASSWORD
from tests.practices.conftest import category, checklist  # noqa: F401 - fixtures, by name
from tests.runs.conftest import change_checklist


def item_of(page, criterion):
    return page.locator("li.run-item", has=page.get_by_role("group", name=re.compile(re.escape(criterion))))


def answer(item, status, note=""):
    item.get_by_label(status, exact=True).check()
    item.get_by_text("Enregistré.").wait_for()
    if note:
        item.get_by_label("Note").fill(note)
        item.get_by_label("Note").blur()  # a change event: saved as soon as the field is left
        item.get_by_text("Enregistré.").wait_for()


def test_member_runs_a_checklist_the_checklist_changes_the_authors_hear_of_the_ko(
    served_site,
    people,
    checklist,  # noqa: F811 - the fixture imported above
    browser,
    guard,
    page,
    tmp_path,
):
    log_in(page, served_site.url, "member_a", PASSWORD)
    page.goto(served_site.url + checklist.url)
    page.get_by_role("link", name="Lancer une vérification").click()
    page.get_by_label("Nom du projet").fill("Refonte du site de la Mairie")
    page.get_by_label("Client").fill("Mairie de Villeurbanne")
    page.get_by_label("Participants").fill("Ana, Léo")
    page.get_by_role("button", name="Lancer la vérification").click()
    page.wait_for_url(re.compile(r"/verifications/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Refonte du site de la Mairie"
    progress = page.locator(".run-progress__count")
    assert progress.inner_text() == "0 sur 3 critères répondus"
    failed = page.get_by_text("Échec : un critère bloquant est KO.")
    assert not failed.is_visible()

    # Every item answered; the blocking one KO, with a note, a link and a file as evidence.
    blocking = item_of(page, "Les sauvegardes tournent")
    answer(blocking, "KO", note="Le journal des sauvegardes s'arrête au 3 mars")
    assert failed.is_visible()
    blocking.get_by_label("Lien vers une preuve").fill("https://ci.example.org/sauvegardes/42")
    blocking.get_by_label("Lien vers une preuve").blur()
    blocking.get_by_text("Enregistré.").wait_for()
    evidence = tmp_path / "journal-sauvegardes.txt"
    evidence.write_text("borg list: dernière archive le 3 mars\n")
    blocking.get_by_label("Fichier de preuve").set_input_files(str(evidence))
    sent = blocking.locator("input[type=file]").element_handle()
    page.wait_for_function("(input) => input.value === ''", arg=sent)  # runs.js empties it once saved
    answer(item_of(page, "La restauration est testée"), "N/A")
    answer(item_of(page, "Une alerte arrive"), "OK")
    assert progress.inner_text() == "3 sur 3 critères répondus"
    assert page.locator(".run-progress__counts").inner_text() == "OK : 1, KO : 1, N/A : 1"
    assert not page.get_by_text("Certains critères n'ont pas encore de réponse.").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "journey-run-answered")

    # Saved as it went: a reload shows the answers, and the file kept for the cooperative only.
    page.reload()
    blocking = item_of(page, "Les sauvegardes tournent")
    assert blocking.get_by_label("KO", exact=True).is_checked()
    assert blocking.get_by_label("Note").input_value() == "Le journal des sauvegardes s'arrête au 3 mars"
    assert blocking.get_by_role("link", name="journal-sauvegardes.txt").is_visible()
    run = Run.objects.get()
    stored = Answer.objects.get(run=run, item_id=run.items[0]["id"])
    assert stored.evidence.read() == evidence.read_bytes()

    # The KO goes to the checklist's authors, in one click.
    blocking.get_by_role("button", name="Proposer aux auteurs de la liste").click()
    assert page.get_by_role("status").filter(has_text="Votre suggestion est envoyée").is_visible()
    assert (
        item_of(page, "Les sauvegardes tournent").get_by_text("Suggestion envoyée aux auteurs.").is_visible()
    )

    page.get_by_role("button", name="Clore la vérification").click()
    assert page.get_by_role("status").filter(has_text="La vérification est close").is_visible()
    assert page.locator("form[data-run-answer]").count() == 0  # locked
    assert page.get_by_text("Échec : un critère bloquant est KO.").is_visible()

    # The checklist changes afterwards: the run says so and shows what changed.
    change_checklist(checklist)
    page.reload()
    drift = page.locator("section.run-drift")
    assert drift.get_by_role("heading", name="La liste a changé depuis").is_visible()
    assert "faite sur une version antérieure" in drift.inner_text()
    assert drift.get_by_role("link", name="Les sauvegardes tournent").is_visible()  # « Modifié : … »
    assert "Ajouté : Le certificat est valide" in drift.inner_text()
    assert item_of(page, "Les sauvegardes tournent").count() == 0  # read-only now: no group, a paragraph
    changed = page.locator("li.run-item", has_text="Les sauvegardes tournent")
    assert changed.locator("span.badge", has_text="modifié depuis").is_visible()
    assert "<span" not in changed.inner_text()
    screenshot(page, "journey-run-outdated")
    drift.get_by_role("link", name="Voir les changements").click()
    page.wait_for_url(re.compile(r"/versions/comparer/\?de=\d+&a=\d+"))
    assert page.get_by_text("chaque nuit").first.is_visible()

    # The report prints every answer and the trail.
    page.goto(f"{served_site.url}/verifications/{run.pk}/rapport/")
    trail = page.locator(".run-trail")
    assert trail.get_by_text("a envoyé une suggestion aux auteurs").is_visible()
    assert trail.get_by_text("a clos la vérification").is_visible()

    # The authors hear of it: Coop Beta's editor gets the e-mail and reads the marked suggestion.
    to_editor = [message for message in mail.outbox if people["editor_b"].email in message.bcc]
    assert len(to_editor) == 1
    assert "Le journal des sauvegardes s'arrête au 3 mars" in to_editor[0].body
    assert "Mairie" not in to_editor[0].body  # nothing of the project
    author_context, author = other_person(browser, guard)
    log_in(author, served_site.url, "editor_b", PASSWORD)
    author.goto(served_site.url + checklist.url)
    comment = author.locator("article.comment", has_text="Le journal des sauvegardes s'arrête au 3 mars")
    assert comment.locator(".badge", has_text="retour de vérification").is_visible()
    author.get_by_role("link", name="Voir comment cette liste est utilisée").click()
    assert author.get_by_role("heading", name="Suggestions reçues").is_visible()
    assert "Mairie" not in author.content()
    author_context.close()

    # A visitor reads the checklist without the members-only suggestion, and cannot open the run.
    visitor_context, visitor = other_person(browser, guard)
    visitor.goto(served_site.url + checklist.url)
    assert visitor.get_by_text("Retour de vérification").count() == 0
    visitor.goto(f"{served_site.url}/verifications/{run.pk}/")
    visitor.wait_for_url(re.compile(r"/compte/connexion/"))
    assert "Mairie" not in visitor.content()
    visitor_context.close()
