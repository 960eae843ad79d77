"""System checks for what `manage.py check --deploy` should catch before production."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Caches each process keeps to itself: counters in them are per worker, not per site.
UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_for_limits(**kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in UNSHARED_CACHES:
        return []
    return [
        Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is not shared between worker processes: "
            "rate limits (core/limits.py) would count per worker, letting each one take the full limit.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so every worker shares one cache.",
            id="kb.W001",
        )
    ]
