"""Settings for the test suite: the same on every machine and in CI."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashes for tests only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Generous limits so the suite's many searches from one address pass; limit tests lower them.
# Comments keep their real limit (tests/practices/test_comments.py checks it).
KB_RATE_LIMITS = {
    **KB_RATE_LIMITS,  # noqa: F405
    "comment_edit": (1000, 60),
    "review": (1000, 60),
    "search": (100_000, 60),
    "suggest": (100_000, 60),
    "client_request": (1000, 60),
}
# django-axes needs the request that client.login() does not pass: off, except in the lockout
# tests (tests/privacy/test_abuse_login.py), which turn it on.
AXES_ENABLED = False
# Tasks run when their transaction commits, so tests see index updates at once; the queue's own
# tests (tests/search/test_index_queue.py) switch to the database backend and run the worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Every search's log row written at once, so tests read what they searched (the bench scripts set the
# production interval; tests/search/test_search_log_batches.py tests the batching).
KB_SEARCH_LOG_SECONDS = float(os.environ.get("KB_SEARCH_LOG_SECONDS", "0"))
# Embedding every page the suite saves would cost each worker the model's load and seconds of
# encoding: off, except in the tests of the semantic side (tests/search/test_semantic.py) and when
# KB_SEMANTIC_SEARCH=1 (the bench scripts, the contract suite run with it).
KB_SEMANTIC_SEARCH = os.environ.get("KB_SEMANTIC_SEARCH", "0") == "1"
