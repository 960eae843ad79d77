"""The tool pages' routes render with self.render(): each computes its own context, never the listing
of the page it hangs from (built by that page's own "" route)."""

from tests.factories import PASSWORD


def test_a_category_lists_its_tools_and_its_radar_does_not(client, catalogue):
    assert "rows" in client.get(catalogue["category"].url).context  # positive control
    response = client.get(catalogue["category"].url + "radar/")
    assert response.status_code == 200
    assert "radar" in response.context
    assert "rows" not in response.context


def test_the_index_lists_its_categories_and_its_comparison_does_not(client, site_tree, catalogue):
    assert "categories" in client.get(site_tree["tools"].url).context
    response = client.get(
        f"{site_tree['tools'].url}comparer/?tools={catalogue['matrix'].pk},{catalogue['slack'].pk}"
    )
    assert response.status_code == 200
    assert "criteria" in response.context
    assert "categories" not in response.context


def test_a_tool_shows_its_reviews_and_its_review_form_does_not(client, people, catalogue):
    assert "summary" in client.get(catalogue["matrix"].url).context
    assert client.login(username=people["member_a"].username, password=PASSWORD)
    response = client.get(catalogue["matrix"].url + "avis/nouveau/")
    assert response.status_code == 200
    assert "form" in response.context
    assert "summary" not in response.context
