from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = _("Réseau CoopKB")
    demo_loader = "kb.demo.network.load"  # its demo content, run by kb_demo

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers system checks, connects model signals)
        from .roles import ensure_roles

        # Roles must exist on every install, not only with demo content. Permissions are
        # created app by app after migrate, so roles are refreshed after each app's turn.
        post_migrate.connect(ensure_roles, dispatch_uid="kb.ensure_roles")
