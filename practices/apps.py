from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Pratiques")
    demo_loader = "practices.demo.load"  # its demo content, run by kb_demo
