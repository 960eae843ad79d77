"""Content shared by the abuse-limit tests: practices with versions and a comment, tools, reviews."""

from practices.factories import CommentFactory, PracticeCategoryPageFactory
from tests.practices.conftest import make_checklist, make_procedure
from tests.tooling.conftest import make_category, make_review, make_tool


def build_content(site_tree, people):
    category = PracticeCategoryPageFactory(
        parent=site_tree["practices"], title="Infrastructure", slug="infrastructure"
    )
    procedure = make_procedure(category, author_cooperative=site_tree["coop_a"])
    first_revision = procedure.latest_revision
    procedure.change_note = "Deuxième version"
    procedure.save_revision().publish()
    procedure.refresh_from_db()
    checklist = make_checklist(category, author_cooperative=site_tree["coop_b"])
    comment = CommentFactory(page=procedure, author=people["member_a"], body="Merci !")
    tools_category = make_category(site_tree["tools"])
    matrix = make_tool(tools_category, "Matrix", summary="Messagerie fédérée", licence_kind="free")
    slack = make_tool(tools_category, "Slack", summary="Messagerie propriétaire", licence_kind="proprietary")
    make_review(matrix, site_tree["coop_a"], "adopt", "2025-01-01")
    return {
        "category": category,
        "procedure": procedure,
        "first_revision": first_revision,
        "checklist": checklist,
        "comment": comment,
        "tools_category": tools_category,
        "matrix": matrix,
        "slack": slack,
    }
