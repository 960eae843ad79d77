"""Issue 11, finding 8: in the admin, editors never see the titles of pages restricted to groups
they are not in; moderators and superusers see everything, an editor sees what their groups may read.

One canary procedure, restricted to a committee group, crawled over every admin surface that
lists pages. editor_a wrote it and sent it to moderation before it was restricted (so it is in
their workflow, their recent edits, the workflow reports); editor_b is just another editor. Neither
is in the committee. editor_in is an editor in the committee; the moderator approves everything.
"""

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from kb.factories import UserFactory
from practices.factories import PracticeCategoryPageFactory
from tests.factories import PASSWORD
from tests.practices.conftest import make_procedure

CANARY = "Plan de crise CANARI-ZX81"
OUTSIDERS = ("editor_a", "editor_b")


@pytest.fixture
def admin_world(site_tree, people):
    category = PracticeCategoryPageFactory(
        parent=site_tree["practices"], title="Infrastructure", slug="infrastructure"
    )
    canary = make_procedure(
        category,
        title=CANARY,
        slug="plan-de-crise",
        owner=people["editor_a"],
        author_cooperative=site_tree["coop_a"],
    )
    committee = Group.objects.create(name="Comité de sécurité")
    restriction = PageViewRestriction.objects.create(page=canary, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([committee])
    # editor_a edits it again and submits the change: a draft in moderation.
    canary.summary = "Nouvelle version du plan."
    canary.save_revision(user=people["editor_a"], log_action=True)
    canary.get_workflow().start(canary, people["editor_a"])
    canary.refresh_from_db()
    # The moderator locks it while reviewing.
    canary.locked, canary.locked_by, canary.locked_at = True, people["moderator"], timezone.now()
    canary.save(update_fields=["locked", "locked_by", "locked_at"])

    insider = UserFactory(
        username="editor_in", role="editor", cooperative=site_tree["coop_b"], password=PASSWORD
    )
    insider.groups.add(committee)
    return {"category": category, "canary": canary, "people": {**people, "editor_in": insider}}


def body(client, user, url):
    client.force_login(user)
    response = client.get(url)
    client.logout()
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content.decode()


# Each surface: its URL (from the fixture) and who, besides the moderator, must see the canary there.
SURFACES = {
    "explorer": (lambda w: f"/admin/pages/{w['category'].pk}/", ["editor_in"]),
    "explorer search": (lambda w: f"/admin/pages/{w['category'].pk}/?q=crise", ["editor_in"]),
    "explorer whole-tree search": (
        lambda w: f"/admin/pages/{w['category'].pk}/?q=crise&search_all=1",
        ["editor_in"],
    ),
    "page search": (lambda w: "/admin/pages/search/?q=crise", ["editor_in"]),
    "page search results": (lambda w: "/admin/pages/search/results/?q=crise", ["editor_in"]),
    "chooser": (lambda w: f"/admin/choose-page/{w['category'].pk}/", ["editor_in"]),
    "chooser search": (lambda w: "/admin/choose-page/search/?q=crise", ["editor_in"]),
    "admin API listing": (
        lambda w: f"/admin/api/main/pages/?child_of={w['category'].pk}&for_explorer=1",
        ["editor_in"],
    ),
    "admin API search": (lambda w: "/admin/api/main/pages/?search=crise", ["editor_in"]),
    "admin API detail": (lambda w: f"/admin/api/main/pages/{w['canary'].pk}/", ["editor_in"]),
    "site history": (lambda w: "/admin/reports/site-history/", ["editor_in"]),
    "site history export": (lambda w: "/admin/reports/site-history/?export=csv", ["editor_in"]),
    "workflow report": (lambda w: "/admin/reports/workflow/", []),
    "workflow tasks report": (lambda w: "/admin/reports/workflow_tasks/", []),
    "page types usage report": (lambda w: "/admin/reports/page-types-usage/", ["editor_in"]),
    "dashboard": (lambda w: "/admin/", []),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_editors_outside_the_group_never_see_the_canary(client, admin_world, surface):
    url_of, insiders = SURFACES[surface]
    url = url_of(admin_world)
    people = admin_world["people"]

    for name in OUTSIDERS:
        status, html = body(client, people[name], url)
        assert status in (200, 404), (name, status)
        assert "CANARI" not in html, f"{name} sees the canary on {surface}"

    # Positive control: the moderator, and editors in the committee, see it on the same surface.
    for name in ["moderator", *insiders]:
        status, html = body(client, people[name], url)
        assert status == 200, (name, status)
        assert CANARY in html, f"{name} does not see the canary on {surface}"


def test_reports_closed_to_editors_stay_closed_and_show_moderators_the_canary(client, admin_world):
    """Locked and aging pages: Wagtail already shows editors nothing there (they hold no unlock or
    publish permission); a regression guard, with the moderator as positive control."""
    people = admin_world["people"]
    for url in ("/admin/reports/locked/", "/admin/reports/aging-pages/"):
        for name in OUTSIDERS:
            _status, html = body(client, people[name], url)
            assert "CANARI" not in html, (name, url)
        status, html = body(client, people["moderator"], url)
        assert status == 200 and CANARY in html, url


def test_moderator_still_sees_what_awaits_moderation_on_the_dashboard(client, admin_world):
    _status, html = body(client, admin_world["people"]["moderator"], "/admin/")
    assert "Approuver" in html or "Approve" in html
    assert CANARY in html


def test_the_owner_outside_the_group_no_longer_has_it_in_their_dashboard_panels(client, admin_world):
    """Before its restriction editor_a's dashboard lists it (recent edits, their pages in moderation);
    this test's positive control: the same panels list the owner's other, unrestricted page."""
    people = admin_world["people"]
    other = make_procedure(
        admin_world["category"], title="Procédure ouverte TEMOIN-42", slug="ouverte", owner=people["editor_a"]
    )
    other.save_revision(user=people["editor_a"], log_action=True)
    other.get_workflow().start(other, people["editor_a"])

    _status, html = body(client, people["editor_a"], "/admin/")

    assert html.count("TEMOIN-42") >= 2  # recent edits and pages in moderation
    assert "CANARI" not in html
