"""Index updates run as tasks after the transaction commits (django-tasks, as Wagtail does)."""

from django_tasks import task

from . import admin_index, documents


@task()
def refresh_pages(page_ids: list[int]) -> None:
    documents.refresh(page_ids)


@task()
def index_pages_for_admin(page_ids: list[int]) -> None:
    admin_index.index_pages(page_ids)
