"""Search logs: one row per normalised query and day with a count, not one row per request."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import QuerySet
from django.utils import timezone

import pytest

from search import logs
from search.models import SearchLog

BEFORE = [("kbsearch", "0010_postgres_french")]
AFTER = [("kbsearch", "0011_searchlog_per_day")]


def test_each_search_counts_in_its_query_and_days_row(db):
    for text in ["Sauvegardes", "  sauvegardes ", "SAUVEGARDES"]:
        logs.record(text, 4, "sqlite")
    logs.record("rsync", 0, "sqlite")
    rows = {(row.query, row.searches, row.result_count) for row in SearchLog.objects.all()}
    assert rows == {("sauvegardes", 3, 4), ("rsync", 1, 0)}
    assert SearchLog.objects.get(query="rsync").day == timezone.localdate()


def test_a_new_day_starts_a_new_row(db):
    logs.record("rsync", 2, "sqlite")
    SearchLog.objects.update(day=timezone.localdate() - datetime.timedelta(days=1))
    logs.record("rsync", 3, "sqlite")
    assert sorted(SearchLog.objects.values_list("searches", "result_count")) == [(1, 2), (1, 3)]


def test_a_row_created_by_a_concurrent_request_is_incremented(db, monkeypatch):
    # Another worker creates today's row between our UPDATE (nothing matched) and our INSERT.
    SearchLog.objects.create(query="rsync", day=timezone.localdate(), searches=1, result_count=1, engine="x")
    real_update = QuerySet.update
    calls = []

    def first_update_misses(self, **changes):
        calls.append(changes)
        return 0 if len(calls) == 1 else real_update(self, **changes)

    monkeypatch.setattr(QuerySet, "update", first_update_misses)
    logs.record("rsync", 5, "sqlite")
    monkeypatch.undo()
    row = SearchLog.objects.get()
    assert (row.searches, row.result_count) == (2, 5)


def test_the_moderators_report_adds_up_the_days(client, people):
    today = timezone.localdate()
    SearchLog.objects.create(query="introuvable", day=today, searches=3, result_count=0, engine="x")
    SearchLog.objects.create(
        query="introuvable", day=today - datetime.timedelta(days=2), searches=4, result_count=0, engine="x"
    )
    SearchLog.objects.create(query="rsync", day=today, searches=2, result_count=4, engine="x")
    SearchLog.objects.create(
        query="ancienne", day=today - datetime.timedelta(days=200), searches=99, result_count=0, engine="x"
    )
    client.force_login(people["moderator"])
    response = client.get("/admin/reports/search/")
    assert response.status_code == 200
    zero = [(row["query"], row["searches_total"]) for row in response.context["zero"]]
    popular = [(row["query"], row["searches_total"]) for row in response.context["popular"]]
    assert zero == [("introuvable", 7)]  # older than the report's 90 days: left out
    assert popular == [("introuvable", 7), ("rsync", 2)]


@pytest.fixture
def back_to_latest_migrations():
    """The schema the other tests expect, whatever this test migrated to."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# Serialized rollback, as every transactional test here: a plain flush would re-run post_migrate and
# recreate the role groups under new ids, which the next serialized test's rows then collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_folds_existing_rows_per_query_and_day(back_to_latest_migrations):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldLog = old_apps.get_model("kbsearch", "SearchLog")
    paris = datetime.timezone(datetime.timedelta(hours=1))
    rows = [
        ("rsync", 3, "2026-03-01 09:00"),
        ("rsync", 5, "2026-03-01 18:00"),
        ("rsync", 6, "2026-03-01 23:30"),  # 23:30 in Paris: still the 1st there (22:30 UTC)
        ("rsync", 7, "2026-03-02 08:00"),
        ("introuvable", 0, "2026-03-01 10:00"),
    ]
    for query, count, when in rows:
        row = OldLog.objects.create(query=query, result_count=count, engine="sqlite")
        moment = datetime.datetime.fromisoformat(when).replace(tzinfo=paris)
        OldLog.objects.filter(pk=row.pk).update(created_at=moment)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    folded = sorted(SearchLog.objects.values_list("query", "day", "searches", "result_count"))
    assert folded == [
        ("introuvable", datetime.date(2026, 3, 1), 1, 0),
        ("rsync", datetime.date(2026, 3, 1), 3, 6),
        ("rsync", datetime.date(2026, 3, 2), 1, 7),
    ]
    SearchLog.objects.all().delete()
