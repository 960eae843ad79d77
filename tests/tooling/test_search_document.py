"""search_data() follows the search contract (core.searchable.SearchData)."""

import datetime
from dataclasses import asdict

from core.access import PUBLIC_AUDIENCE, Restrictions
from search.models import SearchDocument
from tests.tooling.conftest import make_review, members_only
from tooling.factories import ToolUsageFactory
from tooling.models import ToolPage

CONTRACT_KEYS = {
    "kind", "title", "summary", "body", "comments", "tags", "category", "region",
    "cooperatives", "ring", "score", "external_id", "section", "date",
}  # fmt: skip


def test_tool_document(site_tree, catalogue):
    tool = catalogue["matrix"]
    tool.description = "Protocole ouvert de messagerie."
    tool.external_id = "deb-matrix"
    tool.source_section = "net"
    tool.tags.add("fédéré")
    tool.save_revision().publish()
    ToolUsageFactory(tool=tool, cooperative=site_tree["coop_b"], relationship="user")
    make_review(tool, site_tree["coop_a"], "adopt", "2025-01-01", scores={"score_cost": 5})
    members_only(make_review(tool, site_tree["coop_b"], "hold", "2025-01-02"))  # not public: not counted

    document = tool.search_data(PUBLIC_AUDIENCE, Restrictions.load())

    assert set(asdict(document)) == CONTRACT_KEYS
    assert document.kind == "tool" and document.title == "Matrix"
    assert document.body == "Protocole ouvert de messagerie."
    assert document.category == "Messagerie" and document.tags == ["fédéré"]
    assert document.cooperatives == ["Coop Beta"]
    assert document.ring == "adopt" and document.score == round((4 + 4 + 3 + 5 + 5 + 5) / 6, 2)
    assert document.external_id == "deb-matrix" and document.section == "net"
    assert isinstance(document.date, datetime.datetime)


def test_review_document(site_tree, catalogue):
    review = make_review(catalogue["slack"], site_tree["coop_a"], "hold", "2025-01-01", pros="Ergonomie")

    document = review.search_data(PUBLIC_AUDIENCE, Restrictions.load())

    assert set(asdict(document)) == CONTRACT_KEYS
    assert document.kind == "review" and document.ring == "hold"
    assert "Ergonomie" in document.body and document.summary == "À essayer"
    assert document.cooperatives == ["Coop Alpha"] and document.region == "Auvergne-Rhône-Alpes"
    assert document.category == "Messagerie" and document.external_id == ""


def test_index_builds_tool_documents_a_batch_at_a_time(
    site_tree, catalogue, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from search.documents import refresh
    from tests.search.test_admin import TOOLS_SAMPLE
    from tooling.importer import ToolImporter, read_rows
    from tooling.models import ToolIndexPage

    with django_capture_on_commit_callbacks(execute=False):
        result = ToolImporter(ToolIndexPage.objects.get()).run(read_rows(TOOLS_SAMPLE))
    ToolUsageFactory(
        tool=ToolPage.objects.get(pk=result.page_ids[0]), cooperative=site_tree["coop_b"], relationship="user"
    )
    # Restrictions, pages, specific rows, then tags, cooperatives and categories for the whole batch,
    # and the writes: about twenty queries for 40-odd tools, where three per tool would be 120 more.
    with django_assert_max_num_queries(30):
        outcome = refresh(result.page_ids, to_engine=False)
    assert outcome.indexed == len(result.page_ids) > 30
    document = SearchDocument.objects.get(page_id=result.page_ids[0])
    assert document.cooperatives == ["Coop Beta"]
    assert document.category


def test_the_stored_tool_document_follows_its_reviews(
    site_tree, catalogue, django_capture_on_commit_callbacks
):
    """Ring and rating in the index change as reviews are published, restricted, unpublished, deleted."""
    tool = catalogue["matrix"]

    def stored():
        row = SearchDocument.objects.get(page=tool)
        return row.ring, row.score

    with django_capture_on_commit_callbacks(execute=True):
        tool.save_revision().publish()
    assert stored() == ("", None)

    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(tool, site_tree["coop_a"], "hold", "2025-01-01", scores={"score_cost": 1})
    assert stored() == ("hold", round((4 + 4 + 3 + 5 + 5 + 1) / 6, 2))

    with django_capture_on_commit_callbacks(execute=True):
        restriction = members_only(review)
    assert stored() == ("", None)  # restricted: the public index no longer shows it

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert stored()[0] == "hold"

    with django_capture_on_commit_callbacks(execute=True):
        review.unpublish()
    assert stored() == ("", None)

    with django_capture_on_commit_callbacks(execute=True):
        second = make_review(tool, site_tree["coop_b"], "adopt", "2025-02-01")
    assert stored()[0] == "adopt"
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert stored() == ("", None)


def test_the_stored_documents_forget_a_cooperative_that_is_unpublished(
    site_tree, catalogue, django_capture_on_commit_callbacks
):
    tool = catalogue["matrix"]
    with django_capture_on_commit_callbacks(execute=True):
        ToolUsageFactory(tool=tool, cooperative=site_tree["coop_b"], relationship="user")
        tool.save_revision().publish()
    assert SearchDocument.objects.get(page=tool).cooperatives == ["Coop Beta"]

    with django_capture_on_commit_callbacks(execute=True):
        site_tree["coop_b"].unpublish()
    assert SearchDocument.objects.get(page=tool).cooperatives == []
