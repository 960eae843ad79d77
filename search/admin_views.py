"""Admin report of what readers search: popular queries and those that found nothing."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SearchLog

REPORT_PERMISSION = "kbsearch.view_searchlog"
PERIOD_DAYS = 90
ROWS = 50


def search_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    since = timezone.localdate() - timedelta(days=PERIOD_DAYS)
    recent = SearchLog.objects.filter(day__gt=since).values("query")  # one row per query and day
    popular = recent.annotate(searches_total=Sum("searches"), results=Max("result_count")).order_by(
        "-searches_total", "query"
    )
    zero = (
        recent.filter(result_count=0)
        .annotate(searches_total=Sum("searches"), last=Max("day"))
        .order_by("-searches_total", "query")
    )
    context = {
        "page_title": _("Recherches des lecteurs"),
        "days": PERIOD_DAYS,
        "popular": popular[:ROWS],
        "zero": zero[:ROWS],
    }
    return render(request, "search/admin/report.html", context)
