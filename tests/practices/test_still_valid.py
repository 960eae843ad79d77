"""« Toujours valable »: an editor who may edit the page moves its review date to today, without a new
version, recorded in its history; a draft written before does not move the date back."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

import pytest

from core.still_valid import LOG_ACTION, confirm, refusal
from practices.models import ProcedurePage
from tests.practices.conftest import make_procedure
from tests.search.conftest import restrict
from tests.tooling.conftest import make_category, make_review, make_tool
from tooling.models import ReviewPage

OLD = datetime.date(2024, 1, 10)


@pytest.fixture
def page(category, site_tree, people):
    """Coop Alpha's procedure, created (owned) by editor_a, last reviewed long ago."""
    coop_a, editor_a = site_tree["coop_a"], people["editor_a"]
    return make_procedure(category, author_cooperative=coop_a, last_reviewed=OLD, owner=editor_a)


def action_url(page):
    return page.url + page.reverse_subpage("still_valid")


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_the_editor_sees_the_button_and_confirms_without_a_new_version(client, people, page):
    before = revisions(page)
    client.force_login(people["editor_a"])
    html = client.get(page.url).content.decode()
    assert "Toujours valable" in html and action_url(page) in html
    response = client.post(action_url(page), follow=True)
    assert response.redirect_chain == [(page.url, 302)]
    assert "relecture confirmée le" in response.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate() and not page.needs_review
    assert revisions(page) == before and not page.has_unpublished_changes
    entry = PageLogEntry.objects.get(page=page, action=LOG_ACTION)
    assert entry.user == people["editor_a"] and entry.data["previous"] == OLD.isoformat()


def test_the_history_names_it(client, people, page):
    confirm(page, people["editor_a"])
    client.force_login(people["moderator"])
    html = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Déclarée toujours valable (relecture précédente : 2024-01-10)" in html


@pytest.mark.parametrize("who", ["member_a", "editor_b"])
def test_who_may_not_edit_sees_no_button_and_is_refused_with_a_message(client, people, page, who):
    client.force_login(people[who])
    assert action_url(page) not in client.get(page.url).content.decode()
    response = client.post(action_url(page))
    assert response.status_code == 403
    assert "Seuls les éditeurs qui peuvent modifier cette page" in response.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == OLD


def test_anonymous_readers_are_sent_to_sign_in_and_a_get_changes_nothing(client, people, page):
    assert "Toujours valable" not in client.get(page.url).content.decode()
    assert client.post(action_url(page)).status_code == 302
    client.force_login(people["editor_a"])
    assert client.get(action_url(page)).status_code == 405
    page.refresh_from_db()
    assert page.last_reviewed == OLD


def test_an_older_draft_published_later_keeps_the_new_date(people, page):
    draft = ProcedurePage.objects.get(pk=page.pk)
    draft.summary = "Un résumé retravaillé."
    revision = draft.save_revision(user=people["editor_a"])  # still says 10 January 2024
    confirm(page, people["editor_a"])
    assert ProcedurePage.objects.get(pk=page.pk).get_latest_revision_as_object().last_reviewed == (
        timezone.localdate()
    )  # the edit form shows the confirmed date
    revision.publish(user=people["moderator"])
    page.refresh_from_db()
    assert page.summary == "Un résumé retravaillé." and page.last_reviewed == timezone.localdate()


def test_a_later_version_may_still_move_the_date_forward(people, page):
    confirm(page, people["editor_a"], today=datetime.date(2025, 1, 1))
    page.refresh_from_db()
    page.last_reviewed = datetime.date(2025, 6, 1)
    page.save_revision(user=people["editor_a"]).publish()
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2025, 6, 1)


# --- in the admin ------------------------------------------------------------------------------------


def admin_url(page):
    return f"/admin/pages/{page.pk}/toujours-valable/"


def test_the_admin_button_confirms_after_a_confirmation_page(client, people, page):
    client.force_login(people["editor_a"])
    assert admin_url(page) in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    confirmation = client.get(admin_url(page))
    assert confirmation.status_code == 200 and "sans nouvelle version" in confirmation.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == OLD  # a GET changes nothing
    response = client.post(admin_url(page), {"next": "/admin/pages/"})
    assert response.status_code == 302 and response.url == "/admin/pages/"
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()


def test_the_admin_refuses_an_editor_who_may_not_edit_it(client, people, page):
    client.force_login(people["editor_b"])
    response = client.post(admin_url(page))
    assert response.status_code == 403 and "Seuls les éditeurs" in response.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == OLD


def test_the_admin_does_not_name_a_page_the_editor_may_not_see(client, people, site_tree, page):
    committee = Group.objects.create(name="Comité")
    restrict(page, "groups", [committee])
    client.force_login(people["editor_b"])
    assert client.get(admin_url(page)).status_code == 404
    people["editor_b"].groups.add(committee)  # the positive control: now they see it, and are refused
    assert client.get(admin_url(page)).status_code == 403


# --- tool reviews --------------------------------------------------------------------------------------


def test_a_review_is_re_dated_while_it_is_its_cooperatives_newest(people, site_tree):
    coop_a = site_tree["coop_a"]
    matrix = make_tool(make_category(site_tree["tools"]), "Matrix")
    older = make_review(matrix, coop_a, "trial", "2022-01-05", owner=people["editor_a"])
    newer = make_review(matrix, coop_a, "adopt", "2023-05-05", owner=people["editor_a"])
    assert "plus récent" in refusal(people["editor_a"], ReviewPage.objects.get(pk=older.pk))
    assert refusal(people["editor_b"], newer) is not None  # not theirs to edit
    assert refusal(people["editor_a"], newer) is None
    confirm(newer, people["editor_a"])
    newer.refresh_from_db()
    assert newer.review_date == timezone.localdate() and not newer.needs_review


def test_the_explorer_listing_offers_it_to_who_may_edit(client, people, category, page):
    client.force_login(people["editor_a"])
    assert admin_url(page) in client.get(f"/admin/pages/{category.pk}/").content.decode()
    client.force_login(people["editor_b"])
    assert admin_url(page) not in client.get(f"/admin/pages/{category.pk}/").content.decode()
