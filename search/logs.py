"""Search logs: the normalised query and its result count, nothing about who searched."""

from .models import SearchLog
from .text import fold


def normalise(text: str) -> str:
    return " ".join(fold(text).split())[:200]


def record(text: str, count: int, engine: str) -> None:
    query = normalise(text)
    if query:
        SearchLog.objects.create(query=query, result_count=count, engine=engine)
