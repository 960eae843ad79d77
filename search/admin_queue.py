"""Admin report of the search index queue: updates waiting for the worker or for the engine to
come back, those that failed for good (with a button to send them again), and the engine's state."""

from datetime import UTC, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.models import Page

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.admin_privacy import shown_ids

from . import engine_updates, tasks
from .admin_views import REPORT_PERMISSION
from .engines import external_engines
from .engines.breaker import CircuitBreaker

ROWS = 50
TITLES_PER_ROW = 5
LOOKED_AT_PER_ROW = 50
INDEX_TASKS = {
    task.module_path: (task, label)
    for task, label in [
        (tasks.refresh_pages, gettext_lazy("Relecture des pages")),
        (engine_updates.push_to_engines, gettext_lazy("Envoi au moteur")),
        (tasks.index_pages_for_admin, gettext_lazy("Index de l'administration")),
    ]
}
PENDING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def index_tasks():
    return DBTaskResult.objects.filter(task_path__in=INDEX_TASKS)


def describe(results, user):
    """Rows for the template; page titles only of pages this user may see in the admin."""
    rows = []
    for result in results:
        args = result.args_kwargs.get("args") or [[]]
        page_ids = list(args[0])
        rows.append(
            {
                "label": INDEX_TASKS[result.task_path][1],
                "page_ids": page_ids,
                "attempt": args[1] if len(args) > 1 else 0,
                "enqueued_at": result.enqueued_at,
                "run_after": result.run_after if result.run_after.year < 9999 else None,
                "error": result.traceback.strip().splitlines()[-1] if result.traceback else "",
            }
        )
    # Among the first pages of each row; how many others there are is not said (some may be hidden).
    looked_at = {pk for row in rows for pk in row["page_ids"][:LOOKED_AT_PER_ROW]}
    titles = dict(Page.objects.filter(pk__in=shown_ids(user, looked_at)).values_list("pk", "title"))
    for row in rows:
        row["titles"] = [titles[pk] for pk in row["page_ids"][:LOOKED_AT_PER_ROW] if pk in titles]
        row["more"] = len(row["titles"]) > TITLES_PER_ROW or len(row["page_ids"]) > len(row["titles"])
        row["titles"] = row["titles"][:TITLES_PER_ROW]
    return rows


def engine_states():
    states = []
    for engine in external_engines():
        until = CircuitBreaker(engine.name).open_until()
        states.append(
            {"name": engine.name, "down_until": datetime.fromtimestamp(until, tz=UTC) if until else None}
        )
    return states


def index_queue_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    pending = index_tasks().filter(status__in=PENDING).order_by("run_after", "enqueued_at")
    failed = index_tasks().filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
    context = {
        "page_title": _("Index de recherche"),
        "pending_count": pending.count(),
        "failed_count": failed.count(),
        "pending": describe(pending[:ROWS], request.user),
        "failed": describe(failed[:ROWS], request.user),
        "engines": engine_states(),
    }
    return TemplateResponse(request, "search/admin/index_queue.html", context)


@require_POST
def retry_failed_updates(request):
    """Send every failed update again, as one new task per kind, from its first try."""
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    failed = index_tasks().filter(status=TaskResultStatus.FAILED)
    by_task = {}
    for result in failed:
        by_task.setdefault(result.task_path, set()).update((result.args_kwargs.get("args") or [[]])[0])
    for path, page_ids in by_task.items():
        INDEX_TASKS[path][0].enqueue(sorted(page_ids))
    count = failed.delete()[0]
    if count:
        messages.success(request, _("%(count)d mises à jour renvoyées au moteur.") % {"count": count})
    else:
        messages.info(request, _("Aucune mise à jour en échec."))
    return redirect("kbsearch_index_queue")
