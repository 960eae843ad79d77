"""Tool pages read in English: dates in the English format, rings and verdict translated."""

from tests.tooling.conftest import make_review


def test_tool_page_in_english_writes_dates_and_rings_in_english(client, site_tree, catalogue):
    tool = catalogue["matrix"]
    make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01")
    make_review(tool, site_tree["coop_b"], "trial", "2025-02-01")
    client.cookies["django_language"] = "en"

    html = client.get(tool.url).content.decode()

    assert "Feb. 1, 2025" in html and "février" not in html
    assert "Consensus ring" in html and "Anneau de consensus" not in html
    assert "Network verdict" in html
