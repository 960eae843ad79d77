from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.roles import MODERATORS
from core.site_plan import PlanSection
from kb.activity import ActivityType
from tooling import home_sections
from tooling.admin_views import WatchDuePanel, WatchReportView
from tooling.models import ReviewPage, ToolCategoryPage, ToolIndexPage, WatchDuty
from tooling.site_plan import count_tools
from tooling.sitemaps import ReviewsSitemap, ToolsSitemap

VIEW_WATCH = "tooling.view_watchduty"


class WatchDutyViewSet(SnippetViewSet):
    model = WatchDuty
    icon = "time"
    menu_label = _("Missions de veille")
    menu_name = "watch_duties"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["__str__", "category", "tool", "interval_months"]
    list_filter = ["interval_months"]
    list_export = ["category", "tool", "interval_months"]


register_snippet(WatchDutyViewSet)


def _report(view_name):
    view = WatchReportView.as_view(results_only=view_name.endswith("results"))
    return permission_required(VIEW_WATCH, raise_exception=True)(view)


@hooks.register("register_admin_urls")
def watch_report_urls():
    return [
        path("outils/veille/", _report("report"), name="tooling_watch_report"),
        path("outils/veille/results/", _report("results"), name="tooling_watch_report_results"),
    ]


class WatchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_WATCH)


@hooks.register("register_reports_menu_item")
def watch_report_menu_item():
    return WatchReportMenuItem(
        _("Veille à mettre à jour"),
        reverse("tooling_watch_report"),
        name="tooling-watch",
        icon_name="time",
        order=800,
    )


@hooks.register("construct_homepage_panels")
def add_watch_panel(request, panels):
    if request.user.has_perm(VIEW_WATCH):
        panels.append(WatchDuePanel())


# --- What the tools add to the network's pages and roles (kb.home, kb.activity, core.site_plan,
# core.sitemap_xml, core.roles: each documents its hooks) ---------------------------------------------

hooks.register("kb_home_sections", home_sections.news)
hooks.register("kb_member_desk_sections", home_sections.due_tools)


@hooks.register("kb_activity_page_types")
def reviews_in_the_activity():
    return [
        ActivityType(
            ReviewPage, "review", cooperative_field="cooperative", first_publish=_("Nouvel avis"), signed=True
        )
    ]


@hooks.register("kb_site_plan_sections")
def tools_plan_section():
    return [PlanSection("tools", (ToolIndexPage, ToolCategoryPage), count=count_tools)]


@hooks.register("kb_sitemap_sections")
def tools_sitemap_sections():
    return {"outils": ToolsSitemap, "avis": ReviewsSitemap}


@hooks.register("kb_role_permissions")
def moderators_assign_watch_duties():
    return {
        MODERATORS: [
            "tooling.add_watchduty",
            "tooling.change_watchduty",
            "tooling.delete_watchduty",
            "tooling.view_watchduty",
        ]
    }


@hooks.register("kb_editors_section_page_types")
def editors_write_under_the_tool_index():
    return [ToolIndexPage]
