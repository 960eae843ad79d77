from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import OverdueReportView, sees_overdue_report


def _report(results_only):
    view = OverdueReportView.as_view(results_only=results_only)

    def moderators_only(request, *args, **kwargs):
        if not sees_overdue_report(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return moderators_only


@hooks.register("register_admin_urls")
def overdue_report_urls():
    return [
        path("reports/relectures-en-retard/", _report(False), name="following_overdue_report"),
        path(
            "reports/relectures-en-retard/results/",
            _report(True),
            name="following_overdue_report_results",
        ),
    ]


class OverdueReportMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_overdue_report(request.user)


@hooks.register("register_reports_menu_item")
def overdue_report_menu_item():
    return OverdueReportMenuItem(
        _("Relectures en retard"),
        reverse("following_overdue_report"),
        name="following-overdue",
        icon_name="time",
        order=810,
    )
