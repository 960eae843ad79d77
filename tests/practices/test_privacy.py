"""Members-only practices and their comments never reach the public."""

from wagtail.models import PageViewRestriction

from practices.factories import CommentFactory
from practices.models import Visibility


def test_publishing_a_members_only_practice_restricts_it_to_members(members_procedure):
    restriction = PageViewRestriction.objects.get(page=members_procedure)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == ["Membres"]


def test_making_it_public_again_removes_the_restriction(members_procedure):
    members_procedure.visibility = Visibility.PUBLIC
    members_procedure.save_revision().publish()
    assert not PageViewRestriction.objects.filter(page=members_procedure).exists()


def test_anonymous_visitor_sees_neither_the_page_nor_its_comments(client, members_procedure, people):
    CommentFactory(page=members_procedure, author=people["member_a"], body="Code du coffre")
    for url in (
        members_procedure.url,
        members_procedure.url + "export.md",
        members_procedure.url + "commentaires/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/compte/connexion/" in response["Location"]
        assert "coffre" not in response.content.decode()

    for url in ("/pratiques/", "/pratiques/infrastructure/", "/pratiques/?tag=sauvegarde"):
        html = client.get(url).content.decode()
        assert "Plan de reprise interne" not in html, url
        assert "secret" not in html, url


def test_members_see_the_page_its_comments_and_the_listing(client, members_procedure, people):
    CommentFactory(page=members_procedure, author=people["member_b"], body="Code du coffre")
    client.force_login(people["member_a"])
    assert "coffre" in client.get(members_procedure.url).content.decode()
    assert "Plan de reprise interne" in client.get("/pratiques/").content.decode()


def test_logged_in_non_member_is_refused(client, members_procedure, people):
    client.force_login(people["outsider"])
    response = client.get(members_procedure.url)
    assert response.status_code in (302, 403)
    assert "Plan de reprise" not in response.content.decode()


def test_restricted_page_is_not_cached(client, members_procedure, people):
    client.force_login(people["member_a"])
    response = client.get(members_procedure.url)
    assert "no-store" in response["Cache-Control"]
