"""« Quoi de neuf »: the latest publishes on the home, region and cooperative pages, and « Toute
l'activité » page by page; only what the reader may read, in a bounded number of queries."""

import itertools

import pytest
from bs4 import BeautifulSoup

from kb import activity
from kb.factories import CooperativePageFactory
from practices.factories import PracticeCategoryPageFactory
from practices.models import Visibility
from tests.factories import PASSWORD
from tests.practices.conftest import make_checklist, make_procedure
from tests.tooling.conftest import make_category, make_review, make_tool, members_only


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.fixture
def news(site_tree):
    """In this order: a procedure of Coop Alpha, a checklist of Coop Beta, a review of Matrix by Coop
    Beta, then a new version of the procedure with a change note."""
    infra = PracticeCategoryPageFactory(parent=site_tree["practices"], title="Infrastructure", slug="infra")
    matrix = make_tool(make_category(site_tree["tools"]), "Matrix")
    procedure = make_procedure(infra, author_cooperative=site_tree["coop_a"])
    checklist = make_checklist(infra, author_cooperative=site_tree["coop_b"])
    review = make_review(matrix, site_tree["coop_b"], "adopt", "2025-01-01")
    publish(procedure, summary="Plus court.", change_note="Étapes fusionnées")
    return {
        "infra": infra,
        "matrix": matrix,
        "procedure": procedure,
        "checklist": checklist,
        "review": review,
    }


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def items(soup):
    """Each event of the activity list as the reader reads it, in order."""
    return [" ".join(li.get_text(" ").split()) for li in soup.select(".activity > li")]


def test_home_lists_the_latest_publishes_newest_first_with_change_notes(client, news):
    listed = items(soup_of(client, "/"))

    assert len(listed) == 4
    assert listed[0].startswith("Procédure Restaurer une sauvegarde")
    assert "Nouvelle version" in listed[0] and "Ce qui change : Étapes fusionnées" in listed[0]
    assert listed[1].startswith("Avis Matrix — avis de Coop Beta") and "Nouvel avis" in listed[1]
    assert (
        listed[2].startswith("Liste de contrôle Mise en production") and "Nouvelle publication" in listed[2]
    )
    assert listed[3].startswith("Procédure Restaurer une sauvegarde") and "Nouvelle publication" in listed[3]
    assert "Ce qui change" not in listed[3]  # its first version had no change note


def test_each_event_links_to_its_page_with_a_machine_readable_date(client, news):
    soup = soup_of(client, "/")

    first = soup.select_one(".activity > li")
    assert first.select_one("a")["href"] == news["procedure"].url
    time = first.select_one("time")
    assert time["datetime"].startswith(str(news["procedure"].last_published_at.year))
    review = soup.select(".activity > li")[1]
    assert [a["href"] for a in review.select("a")] == [news["review"].url, news["review"].cooperative.url]


def test_a_region_lists_its_cooperatives_content_only(client, news, site_tree):
    ara = items(soup_of(client, site_tree["region_ara"].url))
    idf = items(soup_of(client, site_tree["region_idf"].url))
    alpha = items(soup_of(client, site_tree["coop_a"].url))
    beta = items(soup_of(client, site_tree["coop_b"].url))

    assert len(ara) == 2 and all("Restaurer une sauvegarde" in item for item in ara)
    assert len(idf) == 2 and "Avis Matrix" in idf[0] and "Mise en production" in idf[1]
    assert alpha == ara and beta == idf


def test_a_scope_with_nothing_published_says_so(client, news, site_tree):
    quiet = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Calme", slug="coop-calme")

    section = soup_of(client, quiet.url).find(attrs={"aria-labelledby": "activity-title"})

    assert section.h2.get_text() == "Quoi de neuf"
    assert "Rien de publié pour l'instant." in section.get_text()
    assert section.select(".activity") == []


def test_ten_shown_then_every_event_page_by_page(client, news, site_tree, monkeypatch):
    for number in range(8):
        publish(news["checklist"], change_note=f"Version {number + 2}")

    soup = soup_of(client, "/")
    assert len(items(soup)) == activity.SHOWN == 10
    more = soup.find("a", string="Toute l'activité")
    assert more["href"] == "/quoi-de-neuf/"

    monkeypatch.setattr(activity, "PER_PAGE", 5)
    first = soup_of(client, "/quoi-de-neuf/")
    assert [h.get_text() for h in first.select("main h1")] == ["Quoi de neuf"]
    assert "Ce qui change : Version 9" in items(first)[0] and len(items(first)) == 5
    assert "Page 1 sur 3" in first.select_one("nav.pagination").get_text()
    last = soup_of(client, "/quoi-de-neuf/?page=3")
    assert len(items(last)) == 2 and "Nouvelle publication" in items(last)[-1]
    assert items(soup_of(client, "/quoi-de-neuf/?page=zorglub")) == items(first)  # typed by hand: page 1
    assert items(soup_of(client, "/quoi-de-neuf/?page=99")) == items(last)

    region = soup_of(client, f"{site_tree['region_idf'].url}quoi-de-neuf/")  # the region's own scope
    assert "Île-de-France" in region.h1.get_text() and len(items(region)) == 5
    assert all("Restaurer une sauvegarde" not in item for item in items(region))


def test_a_restricted_page_never_shows_but_to_its_readers(client, news, site_tree, people):
    secret = make_procedure(
        news["infra"],
        title="Procédure zorglubinterne",
        slug="interne",
        author_cooperative=site_tree["coop_a"],
        visibility=Visibility.MEMBERS,  # published behind the "Membres" restriction
    )
    publish(secret, change_note="zorglubnote")
    pages = ["/", "/quoi-de-neuf/", site_tree["region_ara"].url, site_tree["coop_a"].url]

    for url in pages:  # the public
        text = soup_of(client, url).get_text()
        assert "zorglub" not in text and "Restaurer une sauvegarde" in text, url
    client.login(username="outsider", password=PASSWORD)  # signed in, not a member
    for url in pages:
        assert "zorglub" not in soup_of(client, url).get_text(), url

    client.login(username="member_b", password=PASSWORD)  # positive control: a member reads it
    for url in pages:
        text = " ".join(items(soup_of(client, url)))
        assert "Procédure zorglubinterne" in text and "Ce qui change : zorglubnote" in text, url
    assert "no-store" in client.get(site_tree["region_ara"].url)["Cache-Control"]


def test_a_review_shows_only_where_its_cooperative_may_be_named(client, news, site_tree, people):
    members_only(site_tree["coop_b"])

    public = " ".join(items(soup_of(client, "/")))
    assert "Matrix" not in public and "Coop Beta" not in public
    assert "Mise en production" in public  # the checklist does not name its cooperative

    client.login(username="member_a", password=PASSWORD)  # positive control
    assert "Avis Matrix — avis de Coop Beta" in " ".join(items(soup_of(client, "/")))


def test_a_version_written_under_a_restriction_stays_hidden_once_it_is_lifted(client, news, people):
    procedure = news["procedure"]
    publish(procedure, visibility=Visibility.MEMBERS, change_note="zorglubnote réservée")
    publish(procedure, visibility=Visibility.PUBLIC, change_note="Ouverte à tous")  # public again

    public = " ".join(items(soup_of(client, "/quoi-de-neuf/")))
    assert "Ouverte à tous" in public and "Mise en production" in public
    assert "zorglub" not in public

    client.login(username="member_a", password=PASSWORD)  # who could read it then still may
    assert "zorglubnote réservée" in " ".join(items(soup_of(client, "/quoi-de-neuf/")))


def test_pages_taken_offline_leave_the_list(client, news):
    news["checklist"].unpublish()

    assert all("Mise en production" not in item for item in items(soup_of(client, "/")))


@pytest.mark.parametrize("where", ["region", "cooperative"])
def test_outline_and_list_markup(client, news, site_tree, where):
    page = site_tree["region_idf"] if where == "region" else site_tree["coop_b"]
    soup = soup_of(client, page.url)

    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
    assert levels[0] == 1 and all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    section = soup.find(attrs={"aria-labelledby": "activity-title"})
    assert section.name == "section" and section.select_one("#activity-title").get_text() == "Quoi de neuf"
    assert [li.parent.name for li in section.select("li.activity__item")] == ["ol", "ol"]
    assert all(time.get("datetime") for time in section.select("time"))


@pytest.mark.parametrize(
    "url", ["/", "/quoi-de-neuf/", "/reseau/ile-de-france/", "/reseau/ile-de-france/coop-beta/"]
)
def test_queries_do_not_grow_with_the_events(
    client, news, site_tree, people, url, django_assert_max_num_queries
):
    client.login(username="member_b", password=PASSWORD)
    client.get(url)
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    for number in range(6):
        tool = make_tool(
            make_category(site_tree["tools"], f"Catégorie {number}", f"cat-{number}"), f"Outil {number}"
        )
        make_review(tool, site_tree["coop_b"], "trial", f"2025-03-0{number + 1}")
        publish(news["checklist"], change_note=f"Version {number + 2}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert "Outil 5" in client.get(url).content.decode()
