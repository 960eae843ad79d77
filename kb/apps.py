from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = _("Réseau CoopKB")
    demo_loader = "kb.demo.network.load"  # its demo content, run by kb_demo

    def ready(self):
        # Connects the receivers of the network's models (cooperatives, member profiles): that module
        # imports models, which cannot be imported before the app registry is ready.
        from . import signals  # noqa: F401, PLC0415
