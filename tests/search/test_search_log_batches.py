"""Search logs in batches: a process adds its searches up and hands them to the task worker at most
every KB_SEARCH_LOG_SECONDS, in one task; nothing counted is lost on the way."""

from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from search import logs, tasks
from search.models import SearchLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The monotonic clock the batches read, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(logs.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def pending(settings, monkeypatch, clock):
    """A process holding its searches for 10 s (the production interval)."""
    settings.KB_SEARCH_LOG_SECONDS = 10
    fresh = logs.PendingSearches()
    monkeypatch.setattr(logs, "pending", fresh)
    return fresh


def rows():
    return sorted(SearchLog.objects.values_list("query", "searches", "result_count"))


def test_searches_are_added_up_and_written_once_the_interval_is_over(pending, clock):
    for count in (4, 5, 6):
        logs.record("Sauvegardes", count, "sqlite")
    logs.record("rsync", 2, "sqlite")
    assert rows() == []  # held in the process
    clock[0] += 10
    logs.record("rsync", 3, "sqlite")
    assert rows() == [("rsync", 2, 3), ("sauvegardes", 3, 6)]  # the day's last result count
    logs.record("rsync", 3, "sqlite")
    assert rows() == [("rsync", 2, 3), ("sauvegardes", 3, 6)]  # a new interval
    pending.hand_over()  # as when the process exits
    assert rows() == [("rsync", 3, 3), ("sauvegardes", 3, 6)]
    assert SearchLog.objects.get(query="rsync").day == timezone.localdate()


def test_many_distinct_queries_are_handed_over_before_the_interval(pending, monkeypatch):
    monkeypatch.setattr(logs, "MAX_PENDING", 3)
    logs.record("un", 1, "sqlite")
    logs.record("deux", 1, "sqlite")
    assert rows() == []
    logs.record("trois", 1, "sqlite")
    assert [query for query, _, _ in rows()] == ["deux", "trois", "un"]


def test_a_batch_the_queue_refuses_is_kept_for_the_next_time(pending, clock, monkeypatch):
    class Refused:
        @staticmethod
        def enqueue(rows):
            raise DatabaseError("the queue's table is locked")

    logs.record("rsync", 1, "sqlite")
    with monkeypatch.context() as patch:
        patch.setattr(tasks, "record_searches", Refused)
        pending.hand_over()
    assert rows() == []
    logs.record("rsync", 4, "sqlite")
    pending.hand_over()
    assert rows() == [("rsync", 2, 4)]


# The worker commits as it goes, as in production: no test transaction around it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_the_durable_queue_a_batch_is_one_task_the_worker_writes(pending, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for text in ("rsync", "rsync", "borg"):
        logs.record(text, 1, "postgresql")
    pending.hand_over()
    assert DBTaskResult.objects.filter(task_path=tasks.record_searches.module_path).count() == 1
    assert rows() == []  # until the worker runs
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert rows() == [("borg", 1, 1), ("rsync", 2, 1)]


def test_the_tests_interval_writes_each_search_at_once(db):
    logs.record("rsync", 1, "sqlite")
    assert rows() == [("rsync", 1, 1)]
