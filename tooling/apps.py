from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def give_roles_tooling_permissions(sender, verbosity=0, using="default", **kwargs):
    """Run the (idempotent) role set-up once this app's permissions exist.

    kb sets the roles after its own migrations, before this app's permissions are created
    (auth's receiver runs after ours), so create them first, then let kb.roles add them.
    """
    from django.contrib.auth.management import create_permissions

    from kb.roles import ensure_roles

    create_permissions(sender, verbosity=0, using=using)
    ensure_roles()


class ToolingConfig(AppConfig):
    name = "tooling"
    verbose_name = _("Outils")

    def ready(self):
        post_migrate.connect(give_roles_tooling_permissions, sender=self, dispatch_uid="tooling-roles")
