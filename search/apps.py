from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = _("Recherche")

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks register themselves)

        signals.connect()
