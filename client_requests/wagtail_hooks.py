from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.roles import MODERATORS

from . import admin_views


@hooks.register("register_admin_urls")
def register_client_request_urls():
    return [
        path("demandes/", admin_views.request_list, name="client_requests_admin"),
        path("demandes/<int:pk>/", admin_views.request_detail, name="client_requests_admin_detail"),
        path("demandes/<int:pk>/triage/", admin_views.triage, name="client_requests_admin_triage"),
        path("reports/demandes/", admin_views.report, name="client_requests_report"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_client_requests_menu_item():
    return ModeratorMenuItem(
        _("Demandes des clients"),
        reverse("client_requests_admin"),
        name="client-requests",
        icon_name="mail",
        order=250,
    )


@hooks.register("register_reports_menu_item")
def register_client_requests_report_item():
    return ModeratorMenuItem(
        _("Demandes des clients"),
        reverse("client_requests_report"),
        name="client-requests-report",
        icon_name="mail",
    )


@hooks.register("kb_role_permissions")
def moderators_triage_requests():
    """Moderators triage the clients' requests (Demandes des clients, admin_views.py; core.roles)."""
    return {MODERATORS: ["client_requests.view_clientrequest", "client_requests.change_clientrequest"]}
