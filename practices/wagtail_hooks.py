from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.roles import MODERATORS
from core.site_plan import PlanSection
from kb.activity import ActivityType
from practices.home_sections import latest_practices, practice_reviews
from practices.models import ChecklistPage, Comment, PracticeCategoryPage, PracticeIndexPage, ProcedurePage
from practices.sitemaps import PracticesSitemap


class CommentViewSet(SnippetViewSet):
    """The moderation list: moderators hide or remove comments; the text itself stays read-only."""

    model = Comment
    icon = "comment"
    menu_label = _("Commentaires")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "page", "author", "status", "created"]
    list_filter = ["status", "run_feedback", "created"]
    search_fields = ["body", "author__username", "author__last_name"]
    list_export = ["page", "author", "body", "status", "created", "edited"]
    ordering = ["-created"]
    copy_view_enabled = False


register_snippet(CommentViewSet)


# --- What practices add to the network's pages and roles (kb.home, kb.activity, core.site_plan,
# core.sitemap_xml, core.roles: each documents its hooks) ---------------------------------------------

hooks.register("kb_home_sections", latest_practices)
hooks.register("kb_member_desk_sections", practice_reviews)


@hooks.register("kb_activity_page_types")
def practices_in_the_activity():
    return [
        ActivityType(ProcedurePage, "procedure", cooperative_field="author_cooperative"),
        ActivityType(ChecklistPage, "checklist", cooperative_field="author_cooperative"),
    ]


@hooks.register("kb_site_plan_sections")
def practices_plan_section():
    return [PlanSection("practices", (PracticeIndexPage, PracticeCategoryPage, ProcedurePage, ChecklistPage))]


@hooks.register("kb_sitemap_sections")
def practices_sitemap_section():
    return {"pratiques": PracticesSitemap}


@hooks.register("kb_role_permissions")
def moderators_handle_comments():
    return {MODERATORS: ["practices.view_comment", "practices.change_comment", "practices.delete_comment"]}


@hooks.register("kb_editors_section_page_types")
def editors_write_in_practice_categories():
    return [PracticeCategoryPage]
