"""Settings of bench/following.py: the test settings with production's task backend, so a publish
only records its tasks (the worker would run them) instead of running them inline."""

from coopkb.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
