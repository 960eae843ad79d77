"""Production: everything secret or site-specific comes from the environment.

Run behind a TLS-terminating proxy that sets X-Forwarded-Proto, with gunicorn:
    gunicorn coopkb.wsgi --workers 3 --bind 127.0.0.1:8000
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Behind the TLS proxy, REMOTE_ADDR is the proxy's: rate limits and lockouts read the address it saw.
KB_TRUSTED_PROXY_COUNT = int(os.environ.get("KB_TRUSTED_PROXY_COUNT", "1"))
