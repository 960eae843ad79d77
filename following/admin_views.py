"""Rapports → « Relectures en retard »: for moderators, every procedure, checklist and review past
its review date (following.overdue), with its cooperative, region, due date and days late,
filtered by cooperative and kind, exported as a spreadsheet. Only pages the admin may name to the
user are listed (core.admin_privacy)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

import django_filters

from core.access import Reader
from core.admin_privacy import shown_in_admin
from core.months import add_months
from kb.models import CooperativePage

from .overdue import KIND_LABELS, KINDS, content_types, overdue_pages


def sees_overdue_report(user) -> bool:
    """Moderators (core.roles) and superusers."""
    return user.is_superuser or Reader.for_user(user).is_moderator


def cooperatives_shown(request):
    return shown_in_admin(request.user, CooperativePage.objects.order_by("title"))


class OverdueFilterSet(WagtailFilterSet):
    cooperative = django_filters.ModelChoiceFilter(
        label=_("Coopérative"), queryset=cooperatives_shown, method="by_cooperative"
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=KIND_LABELS, method="by_kind")

    class Meta:
        model = Page
        fields = []

    def by_cooperative(self, pages, _name, value):
        return pages.filter(due_cooperative=value.pk)

    def by_kind(self, pages, _name, value):
        return pages.filter(content_type__in=content_types([value]))


@dataclass
class OverdueRow:
    pk: int
    title: str
    kind: str
    cooperative: str
    region: str
    due: datetime.date
    days_late: int


class OverdueReportView(ReportView):
    page_title = _("Relectures en retard")
    header_icon = "time"
    index_url_name = "following_overdue_report"
    index_results_url_name = "following_overdue_report_results"
    permission_policy = None
    filterset_class = OverdueFilterSet
    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        Column("kind", label=_("Type")),
        Column("cooperative", label=_("Coopérative")),
        Column("region", label=_("Région")),
        DateColumn("due", label=_("Relecture prévue le")),
        Column("days_late", label=_("Jours de retard")),
    ]
    list_export = ["title", "kind", "cooperative", "region", "due", "days_late"]
    export_headings = {
        "title": _("Page"),
        "kind": _("Type"),
        "cooperative": _("Coopérative"),
        "region": _("Région"),
        "due": _("Relecture prévue le"),
        "days_late": _("Jours de retard"),
    }
    no_results_message = _("Aucune relecture en retard.")

    def get_queryset(self):
        return shown_in_admin(self.request.user, overdue_pages())

    def get_filename(self):
        return "relectures-en-retard"

    # Wagtail builds the table before decorating the results, and exports the decorated results:
    # both take the same rows, made once per request.
    rows = None

    def get_table(self, object_list):
        return super().get_table(self.rows_of(object_list))

    def decorate_paginated_queryset(self, object_list):
        return self.rows_of(object_list)

    def rows_of(self, pages):
        if self.rows is None:
            self.rows = self.make_rows(list(pages))
        return self.rows

    def make_rows(self, pages):
        """The rows of this page of results: cooperatives and their regions read in two queries."""
        named = cooperatives_shown(self.request).filter(pk__in={page.due_cooperative for page in pages})
        cooperatives = named.only("title", "path").in_bulk()
        steps = Page.steplen
        regions = dict(
            Page.objects.filter(path__in={c.path[:-steps] for c in cooperatives.values()}).values_list(
                "path", "title"
            )
        )
        labels = dict(KIND_LABELS)
        kinds = {content_types([kind])[0].pk: kind for kind in KINDS}
        today = timezone.localdate()
        rows = []
        for page in pages:
            cooperative = cooperatives.get(page.due_cooperative)
            due = add_months(page.reviewed_on, page.interval)
            rows.append(
                OverdueRow(
                    pk=page.pk,
                    title=page.title,
                    kind=str(labels[kinds[page.content_type_id]]),
                    cooperative=cooperative.title if cooperative else "",
                    region=regions.get(cooperative.path[:-steps], "") if cooperative else "",
                    due=due,
                    days_late=(today - due).days,
                )
            )
        return rows
