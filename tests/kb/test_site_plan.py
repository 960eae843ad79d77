"""« Plan du site »: the tree the reader may read, tool categories counted, not listed; in a few queries."""

import pytest
from bs4 import BeautifulSoup

from kb.factories import CooperativePageFactory
from practices.factories import PracticeCategoryPageFactory
from tests.factories import PASSWORD
from tests.practices.conftest import make_checklist, make_procedure
from tests.tooling.conftest import make_category, make_tool, members_only


@pytest.fixture
def plan_tree(site_tree):
    infra = PracticeCategoryPageFactory(parent=site_tree["practices"], title="Infrastructure", slug="infra")
    make_procedure(infra)
    make_checklist(infra)
    secret = make_procedure(infra, title="Procédure zorglubinterne", slug="interne")
    members_only(secret)
    messaging = make_category(site_tree["tools"])
    for n in range(3):
        make_tool(messaging, f"Outil {n}")
    members_only(make_tool(messaging, "Outil zorglubmembres"))
    members_only(site_tree["coop_b"])
    return site_tree


def plan(client):
    response = client.get("/plan-du-site/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_plan_lists_the_tree_and_counts_tools(client, plan_tree):
    soup = plan(client)

    network = soup.select_one("[aria-labelledby=plan-network]")
    region = network.find("a", string="Auvergne-Rhône-Alpes").parent
    assert [a.get_text() for a in region.find("ul").find_all("a")] == ["Coop Alpha"]
    practices = soup.select_one("[aria-labelledby=plan-practices]").get_text(" ", strip=True)
    assert "Infrastructure" in practices
    assert "Restaurer une sauvegarde Procédure" in practices
    assert "Mise en production Liste de contrôle" in practices
    tools = soup.select_one("[aria-labelledby=plan-tools]")
    assert "Messagerie (3 outils)" in tools.get_text(" ", strip=True)
    assert "Outil 0" not in tools.get_text()  # categories only: 21,000 tools would not be a plan
    assert soup.find("a", string="Plan du site")["href"] == "/plan-du-site/"  # the footer


def test_restricted_pages_show_only_to_readers_who_may_read_them(client, plan_tree, people):
    anonymous = plan(client).get_text(" ", strip=True)
    assert "Coop Beta" not in anonymous
    assert "zorglubinterne" not in anonymous and "zorglubmembres" not in anonymous
    assert "Messagerie (3 outils)" in anonymous

    client.login(username="member_a", password=PASSWORD)  # positive control: members see them
    response = client.get("/plan-du-site/")
    member = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Coop Beta" in member and "zorglubinterne" in member
    assert "Messagerie (4 outils)" in member
    assert "no-store" in response["Cache-Control"]


def test_plan_in_english(client, plan_tree):
    client.cookies["django_language"] = "en"

    soup = plan(client)

    assert soup.h1.get_text() == "Sitemap"
    assert "Messagerie (3 tools)" in soup.get_text(" ", strip=True)
    assert soup.select_one("[aria-labelledby=plan-network] ul")["lang"] == "fr"


def test_plan_queries_do_not_grow_with_the_tree(client, plan_tree, django_assert_max_num_queries):
    client.get("/plan-du-site/")  # content types and site root paths are cached after the first request
    with django_assert_max_num_queries(6):
        plan(client)
    for n in range(5):
        CooperativePageFactory(parent=plan_tree["region_ara"], title=f"Coop {n}", slug=f"coop-{n}")
        make_tool(plan_tree["tools"].get_children().first(), f"Autre {n}")
    with django_assert_max_num_queries(6):
        assert "Coop 4" in plan(client).get_text()
