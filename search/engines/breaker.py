"""A circuit breaker shared through the cache (Redis in production): once an engine has failed,
every web and task worker skips it for a pause instead of each paying its timeout; after the
pause one caller, and only one, tries it again.

With the local-memory cache (no REDIS_URL) each process keeps its own breaker: still one timeout
per process and pause, not one per request.
"""

import time

from django.conf import settings
from django.core.cache import cache

# A trial that hangs must not keep the breaker half-open for ever: its slot expires.
TRIAL_SECONDS = 30


class CircuitBreaker:
    def __init__(self, name: str):
        self.key = f"kb:search-breaker:{name}"
        self.trial_key = f"{self.key}:trial"

    @property
    def pause(self) -> float:
        return settings.KB_SEARCH_BREAKER_PAUSE

    def open_until(self) -> float | None:
        """When the pause ends (a UNIX time), or None while the engine is deemed up."""
        return cache.get(self.key)

    def allows(self) -> bool:
        """May this caller use the engine now? Closed: yes. Open: no, until the pause is over;
        then only the caller that wins the trial slot (cache.add is atomic)."""
        until = self.open_until()
        if until is None:
            return True
        if time.time() < until:
            return False
        return cache.add(self.trial_key, 1, timeout=TRIAL_SECONDS)

    def failed(self) -> None:
        # Kept past the pause (no expiry) so that the next caller knows a trial is due.
        cache.set(self.key, time.time() + self.pause, timeout=None)
        cache.delete(self.trial_key)

    def succeeded(self) -> None:
        if self.open_until() is not None:
            cache.delete_many([self.key, self.trial_key])
