"""Search logs: the normalised query, how many times a day, its result count; nothing about who searched.

A search does not write its log row: each process adds its searches up in memory and hands them to
the task worker at most every KB_SEARCH_LOG_SECONDS (and when the process exits), one task for all
of them. A search no longer waits for a write, and the database takes one row update per query and
interval instead of one committed write per search. (0: every search handed over at once.)
"""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchLog
from .text import fold

logger = logging.getLogger(__name__)

MAX_PENDING = 500  # distinct queries a process holds before it hands them over anyway


def normalise(text: str) -> str:
    return " ".join(fold(text).split())[:200]


class PendingSearches:
    """One process's searches not handed over yet: (query, day) -> [searches, last count, engine]."""

    def __init__(self):
        self._rows: dict[tuple[str, str], list] = {}
        self._lock = threading.Lock()
        self._since = time.monotonic()

    def add(self, query: str, day: str, count: int, engine: str) -> None:
        with self._lock:
            row = self._rows.setdefault((query, day), [0, count, engine])
            row[0] += 1
            row[1:] = [count, engine]
            due = (
                len(self._rows) >= MAX_PENDING
                or time.monotonic() - self._since >= settings.KB_SEARCH_LOG_SECONDS
            )
        if due:
            self.hand_over()

    def hand_over(self) -> None:
        """Queue everything held for the worker (on its failure, keep it for the next time)."""
        with self._lock:
            rows, self._rows = self._rows, {}
            self._since = time.monotonic()
        if not rows:
            return
        from .tasks import record_searches  # noqa: PLC0415 (tasks imports this module)

        try:
            record_searches.enqueue([[query, day, *row] for (query, day), row in rows.items()])
        except DatabaseError:
            logger.warning("search log: %d queries not handed over yet, kept for the next time", len(rows))
            with self._lock:
                for key, (searches, count, engine) in rows.items():
                    row = self._rows.setdefault(key, [0, count, engine])
                    row[0] += searches


pending = PendingSearches()
atexit.register(pending.hand_over)


def record(text: str, count: int, engine: str) -> None:
    """Count one search of `text` today."""
    query = normalise(text)
    if query:
        pending.add(query, timezone.localdate().isoformat(), count, engine)


def write(query: str, day: str, searches: int, count: int, engine: str) -> None:
    """Add `searches` to the query's row of that day: one row per query and day (upsert, safe under
    concurrency)."""
    same_day = SearchLog.objects.filter(query=query, day=day)
    changes = {"searches": F("searches") + searches, "result_count": count, "engine": engine}
    if same_day.update(**changes):
        return
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL can go on after the IntegrityError
            SearchLog.objects.create(
                query=query, day=day, searches=searches, result_count=count, engine=engine
            )
    except IntegrityError:  # another request created today's row in between
        same_day.update(**changes)
