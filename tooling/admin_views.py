"""Admin side of the watch: what is due, per cooperative (dashboard panel and report)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from tooling.duties import due_by_cooperative

PANEL_LIMIT = 5


class DueRow:
    def __init__(self, cooperative, item):
        self.cooperative = cooperative.title
        self.tool = item.tool.title
        self.category = item.category.title
        self.latest_review = item.latest_review
        self.interval = item.duty.interval_months


def due_rows():
    return [
        DueRow(cooperative, item) for cooperative, items in due_by_cooperative().items() for item in items
    ]


class WatchReportView(ReportView):
    page_title = _("Veille à mettre à jour")
    header_icon = "time"
    index_url_name = "tooling_watch_report"
    index_results_url_name = "tooling_watch_report_results"
    permission_policy = None
    columns = [
        Column("cooperative", label=_("Coopérative")),
        Column("tool", label=_("Outil")),
        Column("category", label=_("Catégorie")),
        DateColumn("latest_review", label=_("Dernier avis")),
        Column("interval", label=_("Intervalle (mois)")),
    ]
    list_export = ["cooperative", "tool", "category", "latest_review", "interval"]
    export_headings = {
        "cooperative": _("Coopérative"),
        "tool": _("Outil"),
        "category": _("Catégorie"),
        "latest_review": _("Dernier avis"),
        "interval": _("Intervalle (mois)"),
    }
    no_results_message = _("Rien à revoir : toute la veille est à jour.")

    def get_queryset(self):
        return due_rows()

    def get_filename(self):
        return "veille-a-mettre-a-jour"


class WatchDuePanel(Component):
    """Dashboard panel: how many tools each cooperative has to review."""

    name = "tooling_watch_due"
    template_name = "tooling/admin/watch_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        due = due_by_cooperative()
        context["due"] = [
            (cooperative, items[:PANEL_LIMIT], len(items)) for cooperative, items in due.items()
        ]
        return context
