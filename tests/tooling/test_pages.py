"""Tool, category, comparison and cooperative pages, as readers see them."""

from django.contrib.auth.models import Permission
from django.test import Client

import pytest

from kb.factories import CooperativePageFactory
from kb.models import CooperativePage, MemberProfile
from tests.factories import PASSWORD
from tests.tooling.conftest import make_review, members_only
from tooling.factories import ToolAlternativeFactory, ToolReferentFactory, ToolUsageFactory
from tooling.importer import ToolImporter
from tooling.models import ToolCategoryPage, ToolPage


def test_page_tree_rules():
    assert ToolCategoryPage.parent_page_types == ["tooling.ToolIndexPage"]
    assert ToolPage.parent_page_types == ["tooling.ToolCategoryPage"]
    assert "tooling.ReviewPage" in ToolPage.subpage_types


def test_tool_page_shows_verdict_usage_and_freshness(client, site_tree, catalogue):
    tool = catalogue["matrix"]
    make_review(tool, site_tree["coop_a"], "hold", "2024-01-01")
    make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01")
    make_review(tool, site_tree["coop_b"], "trial", "2025-02-01")
    ToolUsageFactory(tool=tool, cooperative=site_tree["coop_a"], relationship="integrator")
    ToolAlternativeFactory(tool=tool, alternative=catalogue["slack"])

    html = client.get(tool.url).content.decode()

    assert "Anneau de consensus" in html and "Les coopératives ne sont pas d'accord" in html
    assert "remplacé par un avis plus récent" in html  # the 2024 review, still shown
    assert "Coopératives utilisatrices</dt><dd>1</dd>" in html
    assert "1 février 2025" in html  # freshness: date of the latest review
    assert "Intégratrice" in html
    assert f'<a href="{catalogue["slack"].url}">Slack</a>' in html.split("Alternatives", 1)[1]


def test_referent_email_only_for_members_and_only_when_the_referent_opted_in(site_tree, people, catalogue):
    tool = catalogue["matrix"]
    ToolReferentFactory(tool=tool, user=people["editor_a"], cooperative=site_tree["coop_a"])
    ToolReferentFactory(tool=tool, user=people["editor_b"], cooperative=site_tree["coop_b"])
    MemberProfile.objects.filter(user=people["editor_a"]).update(public_contact=True)

    anonymous = Client().get(tool.url).content.decode()
    member = Client()
    member.login(username="member_b", password=PASSWORD)
    html = member.get(tool.url).content.decode()

    assert "editor_a@example.org" not in anonymous
    assert "editor_a@example.org" in html  # opted in: members see it
    assert "editor_b" in html and "editor_b@example.org" not in html  # did not opt in: name only


def test_members_only_review_is_left_out_of_public_aggregates(client, site_tree, catalogue):
    tool = catalogue["matrix"]
    make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01")
    members_only(make_review(tool, site_tree["coop_b"], "hold", "2025-01-02", recommendation="Chut"))

    html = client.get(tool.url).content.decode()
    assert "Chut" not in html and "pas d'accord" not in html


def test_tool_page_30_reviews_bounded_queries(client, site_tree, catalogue, django_assert_max_num_queries):
    tool = catalogue["matrix"]
    region = site_tree["region_ara"]
    for n in range(30):
        cooperative = CooperativePageFactory(parent=region, title=f"Coop {n}", slug=f"coop-{n}")
        make_review(tool, cooperative, "trial", f"2025-01-{n % 28 + 1:02d}")
    client.get(tool.url)  # warm the site and content-type caches
    with django_assert_max_num_queries(25):
        response = client.get(tool.url)
    assert response.content.decode().count('class="review-card') == 30


def records(count):
    for n in range(count):
        yield n, {"id": f"deb-t{n}", "name": f"outil-{n:04d}", "summary": "Un outil", "section": "mail"}


def test_category_500_tools_paginates_bounded(client, site_tree, django_assert_max_num_queries):
    ToolImporter(site_tree["tools"]).run(records(500))
    category = ToolCategoryPage.objects.get(slug="messagerie")
    client.get(category.url)
    with django_assert_max_num_queries(20):
        response = client.get(category.url + "?page=10")
    html = response.content.decode()
    assert "500 outils" in html and "outil-0450" in html and "outil-0449" not in html
    assert "Page 10 sur 10" in html
    assert client.get(category.url + "?page=abc").status_code == 200  # bad page number: first page


def test_compare_two_tools_side_by_side(client, site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")
    ids = f"{catalogue['matrix'].pk},{catalogue['slack'].pk}"

    response = client.get(f"/outils/comparer/?tools={ids}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Comparaison côte à côte" in html and "Matrix" in html and "Slack" in html
    assert "Ouverture et souveraineté" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("tools=1", "Choisissez de 2 à 4 outils différents"),
        ("tools=a,b", "numéros séparés par des virgules"),
        ("tools=1,2,3,4,5", "Choisissez de 2 à 4 outils différents"),
        ("tools=999998,999999", "Outil introuvable"),
        ("tools=", "Choisissez de 2 à 4 outils"),
    ],
)
def test_compare_bad_input_gives_a_clear_message(client, catalogue, query, message):
    response = client.get(f"/outils/comparer/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_compare_never_shows_members_only_tools_to_the_public(client, catalogue):
    members_only(catalogue["slack"])
    response = client.get(f"/outils/comparer/?tools={catalogue['matrix'].pk},{catalogue['slack'].pk}")
    assert response.status_code == 400 and "Outil introuvable" in response.content.decode()


def test_cooperative_page_lists_its_public_tools(client, site_tree, catalogue):
    coop = site_tree["coop_a"]
    ToolUsageFactory(tool=catalogue["matrix"], cooperative=coop, relationship="user")
    ToolUsageFactory(tool=catalogue["slack"], cooperative=coop, relationship="user")
    members_only(catalogue["slack"])

    html = client.get(CooperativePage.objects.get(pk=coop.pk).url).content.decode()

    assert "Outils utilisés" in html and "Matrix" in html and "Slack" not in html


def test_moderators_manage_watch_duties_members_do_not(people):
    assert people["moderator"].has_perm("tooling.add_watchduty")
    assert not people["member_a"].has_perm("tooling.add_watchduty")
    assert Permission.objects.filter(codename="change_watchduty").exists()
