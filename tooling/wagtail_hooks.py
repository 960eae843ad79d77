from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tooling.admin_views import WatchDuePanel, WatchReportView
from tooling.models import WatchDuty

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
