"""The shared core: access and privacy, roles, limits, shared signals, the search contract and the
sections feature apps plug into. It has no models and imports no feature app; it reads the network
app's models (kb), on which every app builds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Socle commun")

    def ready(self):
        # Registers the system checks and connects the core's receivers (roles after migrate among
        # them): those modules import models, which cannot be imported before the app registry is ready.
        from . import checks, signals  # noqa: F401, PLC0415
