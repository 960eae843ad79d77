"""The home page: search, what's new, the regions, a member's duties; only what the reader may read."""

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup

from kb.factories import CooperativePageFactory
from practices.factories import PracticeCategoryPageFactory
from tests.factories import PASSWORD
from tests.practices.conftest import make_checklist, make_procedure
from tests.tooling.conftest import make_category, make_review, make_tool, members_only
from tooling.factories import WatchDutyFactory


@pytest.fixture
def news(site_tree):
    infra = PracticeCategoryPageFactory(parent=site_tree["practices"], title="Infrastructure", slug="infra")
    category = make_category(site_tree["tools"])
    matrix = make_tool(category, "Matrix")
    slack = make_tool(category, "Slack")
    make_review(matrix, site_tree["coop_a"], "assess", "2024-01-01")
    make_review(matrix, site_tree["coop_a"], "adopt", "2025-01-01", recommendation="Fédérée et libre")
    make_review(slack, site_tree["coop_b"], "hold", "2025-02-01")
    return {
        "infra": infra,
        "category": category,
        "matrix": matrix,
        "slack": slack,
        "procedure": make_procedure(infra, author_cooperative=site_tree["coop_a"]),
        "checklist": make_checklist(infra),
    }


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(soup, title_id):
    return soup.find(attrs={"aria-labelledby": title_id})


def words(node):
    """The text a reader sees, whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def test_home_shows_search_news_and_the_network(client, news):
    soup = home(client)

    assert soup.select_one("form[role=search][action='/recherche/'] input[name=q]")
    practices = [h.get_text(strip=True) for h in section(soup, "home-practices-title").select(".card__title")]
    assert sorted(practices) == ["Mise en production", "Restaurer une sauvegarde"]
    reviews = section(soup, "home-new-reviews-title").get_text(" ", strip=True)
    assert "Slack" in reviews and "Coop Beta · Suspendre" in reviews
    assert "Fédérée et libre" in reviews
    moves = words(section(soup, "home-moves-title"))
    assert "Matrix : de Évaluer à Adopter" in moves
    assert "Slack : entre au radar en Suspendre" in moves
    regions = section(soup, "home-network-title")
    ara = regions.find("a", string="Auvergne-Rhône-Alpes").find_parent("section")
    assert [a.get_text() for a in ara.select("ul a")] == ["Coop Alpha"]
    assert section(soup, "home-desk-title") is None  # anonymous: no member's desk


def test_home_outline_and_landmarks(client, news):
    soup = home(client)

    assert [h.name for h in soup.select("main h1")] == ["h1"]
    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    assert (
        soup.select_one("header.site-header") and soup.select_one("main#main") and soup.select_one("footer")
    )


def test_home_in_english(client, news):
    client.cookies["django_language"] = "en"

    soup = home(client)

    assert section(soup, "home-news-title").h2.get_text() == "What's new"
    assert "Matrix : from Assess to Adopt" in words(section(soup, "home-moves-title"))
    assert soup.h1["lang"] == "fr"


def test_restricted_content_never_shows_on_the_home_page(client, news, site_tree, people):
    secret = make_procedure(news["infra"], title="Procédure zorglubinterne", slug="interne")
    members_only(secret)
    members_only(site_tree["coop_b"])  # its review of Slack names it: hidden with it
    hidden_region = CooperativePageFactory(
        parent=site_tree["region_idf"], title="Coop zorglubregion", slug="coop-zorglub"
    )
    members_only(hidden_region)

    anonymous = home(client).get_text(" ", strip=True)
    assert "zorglubinterne" not in anonymous and "zorglubregion" not in anonymous
    assert "Coop Beta" not in anonymous and "Slack" not in anonymous
    assert "Matrix" in anonymous  # public content still shows

    client.login(username="member_a", password=PASSWORD)  # positive control: a member reads them
    response = client.get("/")
    member = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "zorglubinterne" in member and "zorglubregion" in member
    assert "Coop Beta · Suspendre" in member
    assert "no-store" in response["Cache-Control"]


def test_member_sees_their_cooperative_duties(client, news, site_tree, people):
    today = datetime.date.today()
    WatchDutyFactory(category=news["category"], interval_months=6).cooperatives.add(site_tree["coop_a"])
    make_review(news["slack"], site_tree["coop_a"], "trial", today)  # fresh: not due
    procedure = news["procedure"]
    procedure.last_reviewed = datetime.date(2020, 1, 15)
    procedure.save_revision().publish()
    make_procedure(
        news["infra"], title="Sauvegarder", slug="sauvegarder", author_cooperative=site_tree["coop_a"],
        last_reviewed=today,
    )  # fmt: skip

    client.login(username="member_a", password=PASSWORD)
    desk = section(home(client), "home-desk-title")

    assert desk.h2.get_text() == "À faire pour Coop Alpha"
    watch = section(desk, "home-watch-title").get_text(" ", strip=True)
    assert "1 outil à revoir" in watch and "Matrix" in watch and "Slack" not in watch
    reviews = section(desk, "home-reviews-due-title")
    items = [li.get_text(" ", strip=True) for li in reviews.select("li")]
    assert (
        items[0].startswith("Restaurer une sauvegarde") and "à revoir depuis le 15 janvier 2021" in items[0]
    )
    assert items[1].startswith("Sauvegarder") and "à revoir le" in items[1]

    client.login(username="member_b", password=PASSWORD)  # another cooperative: not these duties
    other = section(home(client), "home-desk-title")
    assert other.h2.get_text() == "À faire pour Coop Beta"
    assert "Matrix" not in other.get_text() and "Restaurer une sauvegarde" not in other.get_text()


def test_home_queries_do_not_grow_with_the_content(
    client, news, site_tree, people, django_assert_max_num_queries
):
    client.login(username="member_a", password=PASSWORD)
    client.get("/")
    with django_assert_max_num_queries(30) as before:
        home(client)
    for n in range(4):
        tool = make_tool(news["category"], f"Outil {n}")
        make_review(tool, site_tree["coop_b"], "trial", f"2025-03-0{n + 1}")
        make_procedure(news["infra"], title=f"Procédure {n}", slug=f"procedure-{n}")
        CooperativePageFactory(parent=site_tree["region_ara"], title=f"Coop {n}", slug=f"coop-{n}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert "Coop 3" in home(client).get_text()
