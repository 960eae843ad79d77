"""Settings of bench/engine_outage.py and of the task worker it starts: the test settings with the
production task backend, a cache both processes share (the circuit breaker), and the bridge the
OpenSearch test node needs (tests only, never production)."""

import os

from coopkb.settings.test import *  # noqa: F403
from tests.search.elasticsearch_server import BRIDGE

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
}
KB_ELASTICSEARCH_CLIENT_OPTIONS = BRIDGE
# Production's delays (10 s, doubling) would make the catch-up phase wait minutes for nothing.
KB_SEARCH_RETRY = {"first": 1, "longest": 4, "attempts": 50}
