"""Carry index updates to the engines outside the database (Elasticsearch) without losing any.

The database engine is updated with the SearchDocument rows, in the same task. The others get the
pages' current rows afterwards: when one is down (refused, timed out, or known to be down through
the circuit breaker), the update goes back on the task queue for later, with a growing delay, and
fails for good (Rapports → Index de recherche, `search_reindex --since`) only after
settings.KB_SEARCH_RETRY["attempts"] tries. Sending is idempotent: a retry sends whatever the rows
say then, so an old retry can never bring back an outdated document.
"""

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task, task_backends

from .engines import external_engines
from .engines.base import EngineUnavailable, SearchEngine
from .engines.breaker import CircuitBreaker
from .models import SearchDocument

logger = logging.getLogger(__name__)


class IndexUpdateFailed(Exception):
    """The engine stayed down through every retry: these pages wait for `search_reindex --since`."""


def send(engine: SearchEngine, page_ids: Sequence[int]) -> None:
    """Make the engine hold exactly the current rows of these pages."""
    rows = list(SearchDocument.objects.filter(page_id__in=page_ids))
    if rows:
        engine.index_documents(rows)
    if gone := sorted(set(page_ids) - {row.page_id for row in rows}):
        engine.delete_documents(gone)


def push(page_ids: Sequence[int], attempt: int = 0) -> None:
    """Send these pages to every external engine now, or schedule the next try."""
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return
    for engine in external_engines():
        breaker = CircuitBreaker(engine.name)
        if not breaker.allows():
            retry_later(page_ids, attempt + 1, breaker, "known to be down")
            continue
        try:
            send(engine, page_ids)
        except EngineUnavailable as error:
            breaker.failed()
            retry_later(page_ids, attempt + 1, breaker, str(error))
        else:
            breaker.succeeded()


def retry_delay(attempt: int) -> float:
    policy = settings.KB_SEARCH_RETRY
    return min(policy["longest"], policy["first"] * 2 ** (attempt - 1))


@task()
def push_to_engines(page_ids: list[int], attempt: int = 0) -> None:
    """A deferred try: the worker runs it once its run_after has passed."""
    push(page_ids, attempt)


def retry_later(page_ids: list[int], attempt: int, breaker: CircuitBreaker, reason: str) -> None:
    policy = settings.KB_SEARCH_RETRY
    if attempt > policy["attempts"]:
        raise IndexUpdateFailed(f"{len(page_ids)} pages not sent after {attempt - 1} tries: {reason}")
    if not task_backends[push_to_engines.backend].supports_defer:
        raise IndexUpdateFailed(f"{len(page_ids)} pages not sent ({reason}): the task backend cannot retry")
    run_after = timezone.now() + timedelta(seconds=retry_delay(attempt))
    if (until := breaker.open_until()) is not None:
        # No use trying before the breaker lets a trial through.
        run_after = max(run_after, datetime.fromtimestamp(until, tz=UTC))
    push_to_engines.using(run_after=run_after).enqueue(page_ids, attempt)
    logger.warning("Engine update of %d pages deferred (try %d): %s", len(page_ids), attempt, reason)
