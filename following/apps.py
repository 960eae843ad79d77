from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Suivi et notifications")

    def ready(self):
        from . import signals  # noqa: PLC0415 (it imports models: not before the app registry is ready)

        signals.connect()
