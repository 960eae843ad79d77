from django.contrib.auth.models import Group

import pytest

from core.roles import EDITORS, MEMBERS, MODERATORS
from kb.factories import UserFactory
from kb.models import MemberProfile
from tests.factories import PASSWORD


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_each_cooperative_gets_its_own_editors_group(site_tree):
    coop_a, coop_b = site_tree["coop_a"], site_tree["coop_b"]
    coop_a.refresh_from_db()
    coop_b.refresh_from_db()
    assert coop_a.editors_group is not None
    assert coop_a.editors_group != coop_b.editors_group


def test_editor_of_a_can_edit_a_but_not_b(site_tree, people):
    editor = people["editor_a"]
    assert site_tree["coop_a"].permissions_for_user(editor).can_edit()
    assert not site_tree["coop_b"].permissions_for_user(editor).can_edit()
    # Nor anything site-wide: editors never get rights on the sections.
    assert not site_tree["network"].permissions_for_user(editor).can_edit()


def test_editor_cannot_publish_without_moderation(site_tree, people):
    assert not site_tree["coop_a"].permissions_for_user(people["editor_a"]).can_publish()
    assert site_tree["coop_a"].permissions_for_user(people["moderator"]).can_publish()


def test_editor_admin_edit_view_is_refused_for_another_cooperative(client, site_tree, people):
    login(client, people["editor_a"])
    own = client.get(f"/admin/pages/{site_tree['coop_a'].pk}/edit/")
    other_url = f"/admin/pages/{site_tree['coop_b'].pk}/edit/"
    other = client.get(other_url, follow=True)
    assert own.status_code == 200
    # Refused: sent back to the dashboard, with no edit form for the other cooperative's page.
    assert other.redirect_chain and other.redirect_chain[-1][0] == "/admin/"
    assert f'action="{other_url}"' not in other.content.decode()
    assert f'action="/admin/pages/{site_tree["coop_a"].pk}/edit/"' in own.content.decode()


def test_member_cannot_reach_the_admin(client, people):
    login(client, people["member_a"])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_moderator_manages_the_skill_vocabulary_and_editor_does_not(client, people):
    login(client, people["moderator"])
    assert client.get("/admin/snippets/kb/skill/").status_code == 200
    client.logout()
    login(client, people["editor_a"])
    refused = client.get("/admin/snippets/kb/skill/", follow=True)
    assert refused.redirect_chain and refused.redirect_chain[-1][0] == "/admin/"
    assert "/admin/snippets/kb/skill/add/" not in refused.content.decode()


def test_role_change_moves_the_user_between_groups(site_tree, people):
    user = people["editor_a"]
    names = set(user.groups.values_list("name", flat=True))
    assert {MEMBERS, EDITORS, site_tree["coop_a"].editors_group.name} <= names
    profile = user.kb_profile
    profile.role = MemberProfile.Role.MEMBER
    profile.save()
    assert set(user.groups.values_list("name", flat=True)) == {MEMBERS}


def test_moderators_adopt_wagtails_workflow_group(db):
    # The default "Moderators approval" workflow task must point at our moderators group.
    from wagtail.models import GroupApprovalTask

    task = GroupApprovalTask.objects.get()
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.parametrize("role", ["member", "editor", "moderator"])
def test_everyone_with_a_profile_is_a_member(site_tree, role):

    user = UserFactory(
        username=f"someone-{role}", role=role, cooperative=site_tree["coop_a"], password=PASSWORD
    )
    assert user.groups.filter(name=MEMBERS).exists()
