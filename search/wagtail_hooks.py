from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.roles import MODERATORS

from .admin_queue import index_queue_report, retry_failed_updates
from .admin_views import REPORT_PERMISSION, search_report
from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonymes de recherche")
    add_to_admin_menu = False
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]
    list_export = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [
        path("reports/search/", search_report, name="kbsearch_report"),
        path("reports/search-index/", index_queue_report, name="kbsearch_index_queue"),
        path("reports/search-index/retry/", retry_failed_updates, name="kbsearch_index_queue_retry"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return ReportMenuItem(
        _("Recherches des lecteurs"), reverse("kbsearch_report"), name="search-report", icon_name="search"
    )


@hooks.register("register_reports_menu_item")
def register_index_queue_menu_item():
    return ReportMenuItem(
        _("Index de recherche"), reverse("kbsearch_index_queue"), name="search-index", icon_name="cogs"
    )


@hooks.register("kb_role_permissions")
def moderators_curate_search():
    """Moderators curate the synonyms and read the search report (core.roles)."""
    return {
        MODERATORS: [
            "kbsearch.add_synonymgroup",
            "kbsearch.change_synonymgroup",
            "kbsearch.delete_synonymgroup",
            "kbsearch.view_searchlog",
        ]
    }
