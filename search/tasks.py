"""Background work as tasks (django-tasks, as Wagtail does): index updates after the transaction
commits, and the search counts web processes hand over (logs.py). On the database backend the
request only records them, and the worker runs them."""

from django.db import transaction

from django_tasks import task

from . import admin_index, documents, engine_updates, logs


@task()
def refresh_pages(page_ids: list[int]) -> None:
    """Rebuild these pages' rows and the database engine's index, then carry them to the others."""
    outcome = documents.refresh(page_ids)
    engine_updates.push(outcome.changed)


@task()
def index_pages_for_admin(page_ids: list[int]) -> None:
    admin_index.index_pages(page_ids)


@task()
def record_searches(rows: list[list]) -> None:
    """The searches one process counted since it last handed them over (logs.py), in one commit:
    each row is [query, day, searches, result count, engine]."""
    with transaction.atomic():
        for row in rows:
            logs.write(*row)
