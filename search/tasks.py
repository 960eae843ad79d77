"""Index updates run as tasks after the transaction commits (django-tasks, as Wagtail does)."""

from django_tasks import task

from . import documents


@task()
def refresh_pages(page_ids: list[int]) -> None:
    documents.refresh(page_ids)
