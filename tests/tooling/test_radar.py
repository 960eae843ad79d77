"""Radars: well-formed, accessible SVG listing every reviewed tool, and the same data as a table."""

from defusedxml import ElementTree

from tests.factories import PASSWORD
from tests.tooling.conftest import make_review, make_tool, members_only
from tooling.radar import BLIP_RADIUS, RING_RADII, SIZE

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    return ElementTree.fromstring(response.content)


def blip_titles(svg):
    return [link.find(f"{SVG}title").text for link in svg.iter(f"{SVG}a")]


def test_category_radar_svg_is_accessible_xml_listing_every_tool(client, site_tree, catalogue):
    coop_a, coop_b = site_tree["coop_a"], site_tree["coop_b"]
    tools = [catalogue["matrix"], catalogue["slack"]] + [
        make_tool(catalogue["category"], f"Outil {n} & co <b>", slug=f"outil-{n}") for n in range(6)
    ]
    rings = ["adopt", "trial", "assess", "hold"]
    for n, tool in enumerate(tools):
        make_review(tool, coop_a, rings[n % 4], "2025-01-01")
    make_review(catalogue["slack"], coop_b, "hold", "2025-02-01")  # disagreement on Slack

    svg = parse_svg(client.get(catalogue["category"].url + "radar/svg/"))

    # A group, not an image: an image's content is presentational, and the blips are links (axe's
    # nested-interactive rule), which keyboard and screen-reader users must reach.
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "radar-title"
    assert svg.get("aria-describedby") == "radar-desc"
    assert svg.find(f"{SVG}title").text == "Radar : Messagerie"
    assert "Adopter" in svg.find(f"{SVG}desc").text
    links = list(svg.iter(f"{SVG}a"))
    assert sorted(link.get("href") for link in links) == sorted(tool.url for tool in tools)
    titles = blip_titles(svg)
    for tool in tools:
        assert any(tool.title in title for title in titles), tool.title
    assert any("Slack" in title and "désaccord" in title for title in titles)
    for circle in svg.iter(f"{SVG}circle"):
        if circle.get("cx") is not None and circle.get("r") == str(BLIP_RADIUS):
            x, y = float(circle.get("cx")), float(circle.get("cy"))
            assert ((x - SIZE // 2) ** 2 + (y - SIZE // 2) ** 2) ** 0.5 < RING_RADII[-1]


def test_radar_page_has_svg_table_and_disagreements(client, site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "assess", "2024-01-01")
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")  # moved
    make_review(catalogue["slack"], site_tree["coop_a"], "trial", "2025-01-01")  # new
    make_review(catalogue["slack"], site_tree["coop_b"], "hold", "2025-01-02")

    html = client.get(site_tree["tools"].url + "radar/").content.decode()

    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<table" in html
    assert "radar__blip--moved" in html  # Matrix went from Évaluer to Adopter
    assert "Désaccords entre coopératives" in html
    assert "Essayer pour 1 coopérative" in html and "Suspendre pour 1 coopérative" in html


def test_cooperative_radar_shows_its_own_rings(client, site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")
    make_review(catalogue["slack"], site_tree["coop_b"], "hold", "2025-01-01")

    response = client.get(site_tree["tools"].url + "radar/coop-alpha/")

    html = response.content.decode()
    assert "Radar de Coop Alpha" in html
    assert "Matrix" in html and "Slack" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert client.get(site_tree["tools"].url + "radar/inconnue/").status_code == 404


def test_members_only_tools_stay_off_the_public_radar(client, site_tree, people, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")
    make_review(catalogue["slack"], site_tree["coop_a"], "hold", "2025-01-01")
    members_only(catalogue["slack"])

    public = blip_titles(parse_svg(client.get(catalogue["category"].url + "radar/svg/")))
    assert any("Matrix" in title for title in public)
    assert not any("Slack" in title for title in public)

    client.login(username="member_a", password=PASSWORD)
    members = blip_titles(parse_svg(client.get(catalogue["category"].url + "radar/svg/")))
    assert any("Slack" in title for title in members)


def test_radar_names_no_cooperative_whose_only_review_is_a_draft(client, site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")
    draft = make_review(catalogue["slack"], site_tree["coop_b"], "hold", "2025-02-01")
    draft.unpublish()  # back to a draft, as one sent to moderation and not yet approved

    html = client.get(site_tree["tools"].url + "radar/").content.decode()
    radars = html.split('aria-label="Radars des coopératives"', 1)[1].split("</nav>", 1)[0]
    assert "Coop Alpha" in radars  # positive control: the cooperative with a live review is listed
    assert "Coop Beta" not in html


def test_network_radar_svg_is_not_taken_for_a_cooperative_slug(client, site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")

    svg = parse_svg(client.get(site_tree["tools"].url + "radar/svg/"))

    assert svg.find(f"{SVG}title").text == "Radar du réseau"
    assert any("Matrix" in title for title in blip_titles(svg))


def test_cooperative_radar_still_answers_beside_the_svg(client, site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_a"], "adopt", "2025-01-01")

    response = client.get(site_tree["tools"].url + "radar/coop-alpha/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Radar de Coop Alpha" in response.content.decode()
