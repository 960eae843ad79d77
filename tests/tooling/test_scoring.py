"""Aggregates, consensus and supersession, on published review pages."""

from tests.tooling.conftest import make_review
from tooling.models import ReviewPage
from tooling.scoring import consensus_ring, summarise


def reviews_of(tool):
    return ReviewPage.objects.child_of(tool).live()


def test_newer_review_of_a_cooperative_supersedes_its_older_one(site_tree, catalogue):
    tool, coop_a, coop_b = catalogue["matrix"], site_tree["coop_a"], site_tree["coop_b"]
    old = make_review(tool, coop_a, "hold", "2024-01-10", scores={"score_features": 1})
    new = make_review(tool, coop_a, "adopt", "2025-03-01", scores={"score_features": 5})
    other = make_review(tool, coop_b, "adopt", "2025-02-01", scores={"score_features": 3})

    summary = summarise(reviews_of(tool))

    assert [r.pk for r in summary.current] == [new.pk, other.pk]
    assert summary.averages["score_features"] == 4.0  # (5 + 3) / 2: the old 1 no longer counts
    assert summary.ring == "adopt"
    assert not summary.disagreement
    assert [r.pk for r in summary.history[coop_a.pk]] == [old.pk, new.pk]  # movement kept
    assert summary.latest.pk == new.pk


def test_disagreement_and_overall_average(site_tree, catalogue):
    tool = catalogue["slack"]
    make_review(tool, site_tree["coop_a"], "hold", "2025-01-01", scores=dict.fromkeys(["score_cost"], 1))
    make_review(tool, site_tree["coop_b"], "trial", "2025-01-02")

    summary = summarise(reviews_of(tool))

    assert summary.disagreement
    assert summary.rings == {"hold": 1, "trial": 1}
    assert summary.ring == "hold"  # a tie goes to the more cautious ring
    assert summary.averages["score_cost"] == 2.5
    expected = round((4 + 4 + 3 + 5 + 5 + 2.5) / 6, 2)
    assert summary.overall == expected


def test_same_day_reviews_keep_the_last_written(site_tree, catalogue):
    tool = catalogue["matrix"]
    make_review(tool, site_tree["coop_a"], "assess", "2025-05-05", slug="first")
    second = make_review(tool, site_tree["coop_a"], "trial", "2025-05-05", slug="second")
    assert [r.pk for r in summarise(reviews_of(tool)).current] == [second.pk]


def test_moved_and_new_compare_with_the_state_before_the_latest_review(site_tree, catalogue):
    tool = catalogue["matrix"]
    make_review(tool, site_tree["coop_a"], "assess", "2024-01-01")
    first = summarise(reviews_of(tool))
    assert first.is_new and not first.has_moved

    make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01")
    moved = summarise(reviews_of(tool))
    assert moved.previous_ring == "assess" and moved.ring == "adopt"
    assert moved.has_moved and not moved.is_new


def test_no_reviews_gives_an_empty_summary():
    summary = summarise([])
    assert summary.ring is None and summary.overall is None and not summary.disagreement
    assert consensus_ring([]) is None


def test_unpublished_reviews_are_left_out(site_tree, catalogue):
    tool = catalogue["matrix"]
    review = make_review(tool, site_tree["coop_a"], "hold", "2025-01-01")
    review.unpublish()
    assert summarise(reviews_of(tool)).ring is None
