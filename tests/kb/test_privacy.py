from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from core.roles import MEMBERS
from kb.factories import UserFactory
from tests.factories import PASSWORD


@pytest.fixture
def restricted_coop(site_tree):
    page = site_tree["coop_b"]
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=MEMBERS))
    return page


def test_anonymous_visitor_is_sent_to_login_with_no_store(client, restricted_coop):
    response = client.get(restricted_coop.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_member_reads_it_and_it_is_not_cached(client, restricted_coop, people):
    client.login(username="member_a", password=PASSWORD)
    response = client.get(restricted_coop.url)
    assert response.status_code == 200
    assert b"Coop Beta" in response.content
    assert "no-store" in response["Cache-Control"]


def test_signed_in_outsider_without_membership_is_refused(client, restricted_coop):
    UserFactory(username="visitor", password=PASSWORD)
    client.login(username="visitor", password=PASSWORD)
    response = client.get(restricted_coop.url)
    assert response.status_code == 302
    assert b"Coop Beta" not in response.content


def test_restricted_page_hidden_from_directory_search_and_sitemap(client, restricted_coop):
    directory = client.get("/reseau/")
    assert b"Coop Beta" not in directory.content
    assert b"Coop Alpha" in directory.content
    assert b"coop-beta" not in client.get("/sitemap.xml").content
    assert b"Coop Beta" not in client.get("/recherche/?q=Beta").content


def test_public_pages_are_not_marked_private(client, site_tree):
    response = client.get(site_tree["coop_a"].url)
    assert "no-store" not in response.get("Cache-Control", "")


def test_signed_in_reader_outside_the_group_gets_the_login_form_not_a_loop(client, site_tree, people):
    committee = Group.objects.create(name="Comité de sécurité")
    restriction = PageViewRestriction.objects.create(
        page=site_tree["coop_b"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(committee)
    client.login(username="member_a", password=PASSWORD)

    response = client.get(site_tree["coop_b"].url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/compte/connexion/?next=")
    html = response.content.decode()
    assert "Coop Beta en bref." not in html
    assert "Votre compte n'a pas accès à cette page" in html
