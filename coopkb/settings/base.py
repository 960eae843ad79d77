"""Settings shared by every environment. Site-specific values come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KB_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database and media live here


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "kb",
    "practices",
    "tooling",
    "search",
    "following",
    "client_requests",
    "runs",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PrivateContentMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out login into core.lockout.lockout_response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coopkb.urls"
WSGI_APPLICATION = "coopkb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; the timeout waits out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses locked-out accounts and addresses before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (core/lockout.py), on every login form: the site's, Wagtail's and Django's admin.
AXES_FAILURE_LIMIT = int(os.environ.get("KB_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KB_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the account, the address
AXES_RESET_ON_SUCCESS = True
# The lockout lasts AXES_COOLOFF_TIME from the last failure before it, not from the last knock.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # no record of successful logins: only failures, and only while they count
AXES_CLIENT_IP_CALLABLE = "core.limits.axes_address"
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/compte/connexion/"

# French first; English interface through Django i18n (cookie or browser preference).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CoopKB <noreply@coopkb.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Abuse limits (core/limits.py): {scope: (requests, seconds)} per client address, and per account
# when signed in. KB_RATE_LIMITS="search=60/60,review=5/3600" overrides some of them.
KB_RATE_LIMITS = {
    "ask_referents": (5, 3600),  # « Écrire aux référents » (each one e-mails every référent of a tool)
    "comment": (5, 60),  # new comments (each one e-mails the page's cooperative and thread)
    "comment_edit": (20, 60),  # comment edits
    "review": (5, 3600),  # review drafts sent from the public form (each one e-mails the moderators)
    "search": (60, 60),  # /recherche/ and /api/search/
    "suggest": (240, 60),  # /api/search/suggest/, called as the reader types
    "client_request": (3, 3600),  # the public « Déposer une demande » form, per address
}


def env_rate_limits(name):
    limits = {}
    for item in env_list(name):
        scope, _sep, rate = item.partition("=")
        requests, _sep, seconds = rate.partition("/")
        if scope.strip() not in KB_RATE_LIMITS or not (requests.isdigit() and seconds.isdigit()):
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not scope=requests/seconds with scope among {sorted(KB_RATE_LIMITS)}"
            )
        limits[scope.strip()] = (int(requests), max(1, int(seconds)))
    return limits


KB_RATE_LIMITS.update(env_rate_limits("KB_RATE_LIMITS"))
# How many reverse proxies in front of the site append to X-Forwarded-For (0: use REMOTE_ADDR).
KB_TRUSTED_PROXY_COUNT = int(os.environ.get("KB_TRUSTED_PROXY_COUNT", "0"))

# Client requests (client_requests/): days a regional request waits for an answer before the whole
# network hears of it; seconds a person needs at least to fill the form (robots are faster); days
# personal data is kept after a request closes (twice that for one never closed); days spam is kept.
KB_REQUEST_REGIONAL_DAYS = int(os.environ.get("KB_REQUEST_REGIONAL_DAYS", "7"))
KB_REQUEST_MIN_SECONDS = int(os.environ.get("KB_REQUEST_MIN_SECONDS", "5"))
KB_REQUEST_RETENTION_DAYS = int(os.environ.get("KB_REQUEST_RETENTION_DAYS", "365"))
KB_REQUEST_SPAM_DAYS = int(os.environ.get("KB_REQUEST_SPAM_DAYS", "30"))
# Review reminders (following/reminders.py): a tool review older than this many months is to be
# re-read by its cooperative, as a procedure past its review date is.
KB_REVIEW_MAX_AGE_MONTHS = int(os.environ.get("KB_REVIEW_MAX_AGE_MONTHS", "24"))

WAGTAIL_SITE_NAME = "CoopKB"
WAGTAILADMIN_BASE_URL = os.environ.get("KB_BASE_URL", "http://127.0.0.1:8000")
KB_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAIL_I18N_ENABLED = False
# Admin page search: modelsearch's database backend, with relevance ranking fixed on SQLite.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
# Site search engine: "database" (SQLite FTS5 or PostgreSQL) or "elasticsearch".
KB_SEARCH_ENGINE = os.environ.get("KB_SEARCH_ENGINE", "database")
# Semantic retrieval beside the lexical one (search/semantic.py); off: lexical only.
KB_SEMANTIC_SEARCH = os.environ.get("KB_SEMANTIC_SEARCH", "1") == "1"
# Each process hands its search counts to the task worker at most this often (search/logs.py).
KB_SEARCH_LOG_SECONDS = float(os.environ.get("KB_SEARCH_LOG_SECONDS", "10"))
# Elasticsearch engine (see search/engines/ELASTICSEARCH.md).
KB_ELASTICSEARCH_URL = os.environ.get("KB_ELASTICSEARCH_URL", "http://127.0.0.1:9200")
# The index name is an alias over timestamped indices (zero-downtime rebuilds).
KB_ELASTICSEARCH_INDEX = os.environ.get("KB_ELASTICSEARCH_INDEX", "coopkb")
KB_ELASTICSEARCH_TIMEOUT = float(os.environ.get("KB_ELASTICSEARCH_TIMEOUT", "2"))  # seconds, then one retry
KB_ELASTICSEARCH_CLIENT_OPTIONS = {}  # extra Elasticsearch() keyword arguments (certificates, api_key...)
KB_ELASTICSEARCH_ANALYSIS = {"stemmer": "light_french", "elision": "filter"}
# Elasticsearch 8+ only: document vectors in the index and the semantic candidates from its kNN
# search instead of the in-process matrix (search/engines/ELASTICSEARCH.md, « kNN »).
KB_ELASTICSEARCH_KNN = os.environ.get("KB_ELASTICSEARCH_KNN", "0") == "1"
# Once the engine fails, searches go to the database engine at once for this many seconds, then
# one request tries the engine again (search/engines/breaker.py; shared through the cache).
KB_SEARCH_BREAKER_PAUSE = float(os.environ.get("KB_SEARCH_BREAKER_PAUSE", "30"))
# An index update the engine refused is tried again after 10 s, 20 s, 40 s... at most 15 min
# apart, 12 times (about 2 h); then it shows as failed in Rapports → Index de recherche.
KB_SEARCH_RETRY = {"first": 10, "longest": 900, "attempts": 12}

# Background work (django-tasks): search index updates and Wagtail's own index tasks. The database
# backend keeps them in a table, so an update survives an engine outage or a restart; the worker
# (`manage.py db_worker`) runs them: `make run` starts one, production runs it under a process manager.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # admin avatars from gravatar.com would tell it who moderates
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx", "zip", "md"]
# Documents and images are private by default (core.access.collection_audience): every download goes
# through Django, documents by Wagtail's serve view and its before_serve_document hooks (never a
# redirect to the storage's own URL), images by core.views.serve_image_file; MEDIA_ROOT is never served raw.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# New uploads go to « Documents des membres » unless the uploader chooses another collection.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.forms.ImageForm"

# Content security policy for the public site; the Wagtail admin keeps its own inline scripts.
KB_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
KB_CSP_EXEMPT_PREFIXES = ("/admin/", "/django-admin/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Task and page-action chatter would drown the management commands' own output.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lockouts, not every attempt
    },
}
