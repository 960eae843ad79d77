from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = _("Recherche")

    def ready(self):
        # Imported once the app registry is ready (they read models); the checks register themselves.
        from . import checks, signals  # noqa: F401, PLC0415

        signals.connect()
