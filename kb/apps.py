from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = _("Réseau CoopKB")
    demo_loader = "kb.demo.network.load"  # its demo content, run by kb_demo

    def ready(self):
        # Registers the system checks and connects the signals (roles after migrate among them):
        # those modules import models, which cannot be imported before the app registry is ready.
        from . import checks, signals  # noqa: F401, PLC0415
