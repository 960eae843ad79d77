from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolingConfig(AppConfig):
    name = "tooling"
    verbose_name = _("Outils")
    demo_loader = "tooling.demo.load"  # its demo content, run by kb_demo
