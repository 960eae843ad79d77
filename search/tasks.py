"""Index updates run as tasks after the transaction commits (django-tasks, as Wagtail does): on the
database backend the request only records them, and the worker runs them."""

from django_tasks import task

from . import admin_index, documents, engine_updates


@task()
def refresh_pages(page_ids: list[int]) -> None:
    """Rebuild these pages' rows and the database engine's index, then carry them to the others."""
    outcome = documents.refresh(page_ids)
    engine_updates.push(outcome.changed)


@task()
def index_pages_for_admin(page_ids: list[int]) -> None:
    admin_index.index_pages(page_ids)
