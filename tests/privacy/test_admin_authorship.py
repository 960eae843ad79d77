"""Issue 11, finding 7: in the admin, editors write reviews and practices only as themselves and in
their own cooperative's name, whatever a crafted POST says; moderators may choose."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from kb.factories import UserFactory
from practices.factories import PracticeCategoryPageFactory
from practices.models import ProcedurePage
from tests.factories import PASSWORD
from tests.practices.conftest import make_procedure
from tests.practices.test_workflow import procedure_form
from tests.tooling.conftest import SCORES, make_category, make_tool
from tooling.models import ReviewPage


@pytest.fixture
def tool(site_tree):
    return make_tool(make_category(site_tree["tools"]), "Matrix")


@pytest.fixture
def category(site_tree):
    return PracticeCategoryPageFactory(
        parent=site_tree["practices"], title="Infrastructure", slug="infrastructure"
    )


def review_form(slug, cooperative, author, action="action-submit"):
    data = nested_form_data(
        {
            "title": f"Avis {slug}",
            "slug": slug,
            "cooperative": cooperative.pk,
            "author": author.pk,
            "review_date": "2026-11-02",
            "team_size": "",
            "use_case": "Messagerie de l'équipe",
            **SCORES,
            "ring": "adopt",
            "pros": "Libre",
            "cons": "Lourd",
            "recommendation": "À essayer",
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def add_review_url(tool):
    return reverse("wagtailadmin_pages:add", args=("tooling", "reviewpage", tool.pk))


def add_procedure_url(category):
    return reverse("wagtailadmin_pages:add", args=("practices", "procedurepage", category.pk))


def latest(page):
    """The page as its newest revision has it (an edit saves a revision, the row keeps the live version)."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_editor_cannot_add_a_review_in_another_cooperatives_or_users_name(client, site_tree, people, tool):
    client.force_login(people["editor_a"])

    response = client.post(
        add_review_url(tool), review_form("usurpe", site_tree["coop_b"], people["editor_b"])
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    review = ReviewPage.objects.get(slug="usurpe")
    assert (review.cooperative, review.author) == (site_tree["coop_a"], people["editor_a"])
    assert (latest(review).cooperative, latest(review).author) == (site_tree["coop_a"], people["editor_a"])


def test_editor_cannot_move_their_review_to_another_cooperative_when_editing(client, site_tree, people, tool):
    client.force_login(people["editor_a"])
    draft = review_form("le-mien", site_tree["coop_a"], people["editor_a"], action=None)
    client.post(add_review_url(tool), draft)
    review = ReviewPage.objects.get(slug="le-mien")
    assert review.owner == people["editor_a"]

    edit = reverse("wagtailadmin_pages:edit", args=(review.pk,))
    response = client.post(edit, review_form("le-mien", site_tree["coop_b"], people["moderator"]))

    assert response.status_code == 302, response.content.decode()[:2000]
    edited = latest(review)
    assert edited.title == "Avis le-mien" and edited.latest_revision.user == people["editor_a"]
    assert (edited.cooperative, edited.author) == (site_tree["coop_a"], people["editor_a"])


def test_editor_sees_the_authorship_fields_locked_to_themselves(client, site_tree, people, tool):
    client.force_login(people["editor_a"])

    html = client.get(add_review_url(tool)).content.decode()

    assert 'name="cooperative"' in html and 'name="author"' in html
    assert "Coop Alpha" in html and "Coop Beta" not in html
    assert "editor_b" not in html and "moderator" not in html
    assert html.count("disabled") >= 2


def test_editor_without_a_cooperative_is_refused_not_guessed(client, site_tree, people, tool):
    loner = UserFactory(username="loner", role="editor", cooperative=None, password=PASSWORD)
    client.force_login(loner)

    response = client.post(
        add_review_url(tool), review_form("orphelin", site_tree["coop_b"], people["editor_b"])
    )

    assert response.status_code == 200
    assert "rattaché à aucune coopérative" in response.content.decode()
    assert not ReviewPage.objects.filter(slug="orphelin").exists()


def test_moderator_writes_a_review_in_the_name_they_choose(client, site_tree, people, tool):
    client.force_login(people["moderator"])  # the moderator's own cooperative is Coop Beta

    response = client.post(
        add_review_url(tool), review_form("pour-alpha", site_tree["coop_a"], people["editor_a"])
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    review = ReviewPage.objects.get(slug="pour-alpha")
    assert (review.cooperative, review.author) == (site_tree["coop_a"], people["editor_a"])


def practice_form(title, slug, cooperative):
    data = procedure_form(title, slug, "action-submit")
    data["author_cooperative"] = cooperative.pk
    return data


def test_editor_cannot_add_a_practice_in_another_cooperatives_name(client, site_tree, people, category):
    client.force_login(people["editor_a"])

    response = client.post(
        add_procedure_url(category), practice_form("Usurpée", "usurpee", site_tree["coop_b"])
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    page = ProcedurePage.objects.get(slug="usurpee")
    assert page.author_cooperative == site_tree["coop_a"]
    assert latest(page).author_cooperative == site_tree["coop_a"]


def test_editor_cannot_move_their_practice_to_another_cooperative_when_editing(
    client, site_tree, people, category
):
    page = make_procedure(
        category, slug="la-mienne", owner=people["editor_a"], author_cooperative=site_tree["coop_a"]
    )
    client.force_login(people["editor_a"])

    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit, practice_form("La mienne, revue", "la-mienne", site_tree["coop_b"]))

    assert response.status_code == 302, response.content.decode()[:2000]
    edited = latest(page)
    assert edited.title == "La mienne, revue"
    assert edited.author_cooperative == site_tree["coop_a"]


def test_moderator_sets_a_practices_author_cooperative(client, site_tree, people, category):
    client.force_login(people["moderator"])

    response = client.post(
        add_procedure_url(category), practice_form("Pour Alpha", "pour-alpha", site_tree["coop_a"])
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProcedurePage.objects.get(slug="pour-alpha").author_cooperative == site_tree["coop_a"]
