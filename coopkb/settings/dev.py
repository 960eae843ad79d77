"""Local development: debug on, console e-mail, SQLite unless DATABASE_URL says otherwise."""

import contextlib
import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
