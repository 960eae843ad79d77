"""Search logs: the normalised query, how many times a day, its result count; nothing about who searched."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchLog
from .text import fold


def normalise(text: str) -> str:
    return " ".join(fold(text).split())[:200]


def record(text: str, count: int, engine: str) -> None:
    """Count one search of `text` today: one row per query and day (upsert, safe under concurrency)."""
    query = normalise(text)
    if not query:
        return
    day = timezone.localdate()
    same_day = SearchLog.objects.filter(query=query, day=day)
    changes = {"searches": F("searches") + 1, "result_count": count, "engine": engine}
    if same_day.update(**changes):
        return
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL can go on after the IntegrityError
            SearchLog.objects.create(query=query, day=day, searches=1, result_count=count, engine=engine)
    except IntegrityError:  # another request created today's row in between
        same_day.update(**changes)
