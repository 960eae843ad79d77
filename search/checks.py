"""System checks: an Elasticsearch engine needs a task backend that can retry the updates it refuses."""

from django.conf import settings
from django.core.checks import Warning, register

from django_tasks import task_backends


@register()
def engine_updates_can_be_retried(app_configs=None, **kwargs):
    if getattr(settings, "KB_SEARCH_ENGINE", "database") != "elasticsearch":
        return []
    backend = task_backends["default"]
    if backend.supports_defer:
        return []
    return [
        Warning(
            f"The task backend ({type(backend).__name__}) cannot defer a task: an index update that "
            "Elasticsearch refuses is not tried again, and the engine misses it until search_reindex.",
            hint='Use TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}} and run '
            "manage.py db_worker.",
            id="kbsearch.W001",
        )
    ]
