"""The three main journeys of the site, as people live them in a real browser, on the demo network.

Only set-up (known passwords, a restricted practice) and the final checks touch the database directly;
everything in between is typing, clicking and keys.
"""

import re

from practices.factories import PracticeCategoryPageFactory
from search.models import SearchDocument
from tests.browser.helpers import DESKTOP, log_in, screenshot, serious_violations
from tests.browser.journey_data import SECRET_COMMENT, give_password, restrict_to_another_group
from tests.factories import PASSWORD
from tests.practices.conftest import make_procedure
from tooling.models import ReviewPage


def assert_accessible(page, name):
    assert serious_violations(page) == [], name


def other_person(browser, guard):
    """A second person's own browser (cookies apart), under the same guard as the main page."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    context.route("**/*", guard.route)
    page = context.new_page()
    page.on("response", guard.response)
    page.on("console", guard.console)
    page.on("pageerror", lambda error: guard.page_errors.append(str(error)))
    return context, page


# --- 1. Search, then a checklist ---------------------------------------------------------------------


def test_visitor_searches_without_accents_narrows_and_keeps_checklist_ticks(demo_site, page):
    page.goto(demo_site.url + "/")
    page.locator("#header-q").click()
    page.keyboard.type("mettre a j")  # the header box suggests titles as you type, accents or not
    suggestion = page.get_by_role("option", name="Mettre à jour un serveur Debian")
    suggestion.wait_for()
    page.keyboard.press("ArrowDown")
    assert suggestion.get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert page.get_by_role("listbox").count() == 0  # closed (hidden lists have no role)
    page.locator("#header-q").fill("")
    page.keyboard.type("securite")  # "sécurité" typed on a keyboard without accents
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=securite")
    results = page.locator("ol.results > li")
    assert results.count() > 1
    # Members-only procedures stay out of an anonymous visitor's results.
    assert page.get_by_role("link", name="Gérer un incident de sécurité (interne au réseau)").count() == 0
    assert page.locator(".result-checklist").count() >= 1

    kind_facet = page.locator(".search-facets section", has=page.get_by_role("heading", name="Type"))
    kind_facet.get_by_role("link", name=re.compile(r"^Procédure")).click()
    page.wait_for_url(re.compile(r"kind=procedure"))
    assert results.count() >= 1
    assert results.count() == page.locator(".result-procedure").count()
    assert page.get_by_role("link", name="Procédure").get_attribute("aria-current") == "true"
    assert_accessible(page, "search results")
    screenshot(page, "journey-search-results")

    page.get_by_role("link", name="Mettre à jour un serveur Debian").click()
    page.wait_for_url("**/mise-a-jour-debian/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mettre à jour un serveur Debian"
    assert_accessible(page, "procedure")
    screenshot(page, "journey-procedure")

    page.get_by_role("link", name="Mise en production d'un site").click()
    page.wait_for_url("**/mise-en-production/")
    boxes = page.locator(".checklist input[type=checkbox]")
    total = boxes.count()
    assert total > 2
    progress = page.locator(".checklist__count")
    assert progress.inner_text() == f"0 sur {total} critères cochés"

    boxes.nth(0).click()
    boxes.nth(2).focus()
    page.keyboard.press("Space")  # ticking works from the keyboard too
    assert progress.inner_text() == f"2 sur {total} critères cochés"
    assert_accessible(page, "checklist")
    screenshot(page, "journey-checklist")

    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(total)] == [i in (0, 2) for i in range(total)]
    assert progress.inner_text() == f"2 sur {total} critères cochés"


# --- 2. A member's tool review, approved by a moderator --------------------------------------------


def fill_review(page, usability):
    page.get_by_label("Cas d'usage").fill("Authentification unique de nos clients")
    page.get_by_label("Taille de l'équipe").fill("6")
    scores = {
        "Fonctionnalités": "5",
        "Facilité d'usage": usability,
        "Administration et hébergement": "4",
        "Maturité et communauté": "5",
        "Ouverture et souveraineté": "5",
        "Coût": "5",
    }
    for label, value in scores.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Adopter").check()
    page.get_by_label("Points forts").fill("Standard, solide, bien documenté.")
    page.get_by_label("Points faibles").fill("Une console d'administration touffue.")
    page.get_by_label("Recommandation").fill("Adoptez-le pour tout projet à plusieurs applications.")


def test_member_reviews_a_tool_and_a_moderator_approves_it_in_the_admin(demo_site, browser, guard, page):
    member = give_password("membre")
    give_password("moderatrice")
    log_in(page, demo_site.url, "membre", PASSWORD)

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Outils").click()
    page.get_by_role("link", name="Réseau et web").click()
    page.get_by_role("link", name="Keycloak", exact=True).first.click()
    page.wait_for_url("**/keycloak/")
    scores = page.locator("table.scores")
    assert "(1 avis en vigueur)" in scores.locator("caption").inner_text()
    assert_accessible(page, "tool")
    screenshot(page, "journey-tool")

    page.get_by_role("link", name="Rédiger un avis").click()
    page.wait_for_url("**/keycloak/avis/nouveau/")
    assert_accessible(page, "review form")
    screenshot(page, "journey-review-form")
    fill_review(page, usability="9")
    page.get_by_role("button", name="Envoyer en modération").click()

    assert page.get_by_role("alert").is_visible()
    assert page.get_by_text("La note doit être comprise entre 1 et 5.").is_visible()
    assert page.get_by_label("Cas d'usage").input_value() == "Authentification unique de nos clients"
    assert page.get_by_label("Points faibles").input_value() == "Une console d'administration touffue."
    assert page.get_by_label("Adopter").is_checked()
    assert page.get_by_label("Facilité d'usage").input_value() == "9"
    assert_accessible(page, "review form with an error")
    screenshot(page, "journey-review-form-error")

    page.get_by_label("Facilité d'usage").fill("4")
    page.get_by_role("button", name="Envoyer en modération").click()
    page.wait_for_url("**/keycloak/")
    assert page.get_by_role("status").filter(has_text="envoyé en modération").is_visible()
    assert "(1 avis en vigueur)" in scores.locator("caption").inner_text()  # not public before approval
    review = ReviewPage.objects.get(author=member)
    assert not review.live

    # The moderator approves it from the Wagtail admin, in a browser of her own.
    moderator_context, admin = other_person(browser, guard)
    admin.goto(demo_site.url + "/admin/login/")
    admin.locator("#id_username").fill("moderatrice")
    admin.locator("#id_password").fill(PASSWORD)
    admin.keyboard.press("Enter")
    admin.wait_for_url(demo_site.url + "/admin/")
    admin.locator("#awaiting-review-section").get_by_role("link", name=review.title).click()
    admin.wait_for_url(f"**/admin/pages/{review.pk}/edit/")
    admin.get_by_role("button", name=re.compile("Plus d'actions|More actions")).click()
    admin.get_by_role("button", name=re.compile("^(Approuver et publier|Approve and publish)$", re.I)).click()
    admin.locator(".messages .success").wait_for()
    moderator_context.close()

    review.refresh_from_db()
    assert review.live

    page.reload()
    assert "(2 avis en vigueur)" in scores.locator("caption").inner_text()
    usability = scores.get_by_role("row", name=re.compile("Facilité d'usage"))
    assert usability.locator("td").inner_text() == "3,0"  # (2 + 4) / 2
    reviews = page.locator("section", has=page.get_by_role("heading", name="Avis", exact=True))
    assert reviews.get_by_text("Adoptez-le pour tout projet à plusieurs applications.").is_visible()
    assert page.get_by_text("Les coopératives ne sont pas d'accord").is_visible()

    page.goto(demo_site.url + "/outils/")
    page.get_by_role("link", name="Radar du réseau").click()
    row = page.locator("table.radar-table tr", has=page.get_by_role("link", name="Keycloak"))
    assert row.locator("td").last.inner_text() == "oui"  # Adopter for one cooperative, Essayer for another
    assert_accessible(page, "radar")


# --- 3. Comments on practices ----------------------------------------------------------------------


def test_members_comment_and_reply_visitors_read_other_groups_stay_out(demo_site, browser, guard, page):
    member = give_password("membre")
    give_password("membre-brique")
    restricted = restrict_to_another_group("cloturer-un-projet", commenter=member)

    log_in(page, demo_site.url, "membre", PASSWORD)
    page.goto(demo_site.url + "/pratiques/")
    page.get_by_role("link", name="Revue de code avant fusion").click()
    page.wait_for_url("**/revue-de-code/")
    page.get_by_label("Votre commentaire").fill("Nous relisons aussi les **messages de commit**.")
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url("**/revue-de-code/#commentaires")
    comment = page.locator("article.comment", has_text="Nous relisons aussi les")
    assert comment.locator("strong", has_text="messages de commit").is_visible()  # Markdown rendered

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, demo_site.url, "membre-brique", PASSWORD)
    page.goto(demo_site.url + "/pratiques/developpement/revue-de-code/")
    thread = page.locator("article.comment:not(.comment--reply)", has_text="Nous relisons aussi les")
    thread.get_by_text("Répondre", exact=True).first.click()  # opens the <details>
    thread.get_by_label("Votre réponse").fill("Bonne idée, on l'ajoute à notre grille.")
    thread.get_by_role("button", name="Répondre").click()
    page.wait_for_url("**/revue-de-code/#commentaires")
    reply = thread.locator("article.comment--reply")
    assert reply.get_by_text("Bonne idée, on l'ajoute à notre grille.").is_visible()

    # An anonymous visitor reads the thread but gets a login link instead of a form.
    visitor_context, visitor = other_person(browser, guard)
    visitor.goto(demo_site.url + "/pratiques/developpement/revue-de-code/")
    comments = visitor.locator("#commentaires")
    assert comments.get_by_text("Bonne idée, on l'ajoute à notre grille.").is_visible()
    assert comments.locator("form, textarea").count() == 0
    assert_accessible(visitor, "practice with comments")
    comments.get_by_role("link", name="Connectez-vous pour commenter.").click()
    visitor.wait_for_url(re.compile(r"/compte/connexion/\?next=/pratiques/"))
    visitor_context.close()

    # A member outside the group named by the restriction sees neither the practice nor its comments.
    page.goto(demo_site.url + restricted.url)
    page.wait_for_url(re.compile(r"/compte/connexion/\?next="))
    assert page.get_by_role("alert").filter(has_text="Votre compte n'a pas accès à cette page").is_visible()
    assert SECRET_COMMENT not in page.content()
    page.goto(demo_site.url + "/")
    page.locator("#header-q").fill("zorglub")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=zorglub")
    assert page.get_by_role("status").filter(has_text="0 résultat").is_visible()
    assert SECRET_COMMENT not in page.content()
    # The index does hold the comment: only the restriction keeps it from this member.
    assert SearchDocument.objects.filter(page=restricted, comments__contains="zorglub").exists()


def test_flash_messages_pass_axe(served_site, site_tree, people, page):
    category = PracticeCategoryPageFactory(parent=site_tree["practices"], title="Qualité", slug="qualite")
    practice = make_procedure(category)
    log_in(page, served_site.url, "member_a", PASSWORD)
    page.goto(served_site.url + practice.url)
    page.get_by_label("Votre commentaire").fill("Merci pour cette procédure.")
    page.get_by_role("button", name="Publier").click()
    assert page.get_by_role("status").filter(has_text="Votre commentaire est publié.").is_visible()
    assert_accessible(page, "page with a message")
