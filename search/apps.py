from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_role_permissions(sender, using="default", **kwargs):
    """Give the roles this app's permissions (kb.roles.EXTRA_ROLE_PERMISSIONS). kb's own
    post_migrate runs before this app's permissions exist on a fresh database, so create
    them first, then re-apply the roles."""
    from django.contrib.auth.management import create_permissions

    from kb.roles import ensure_roles

    create_permissions(sender, verbosity=0, using=using)
    ensure_roles()


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = _("Recherche")

    def ready(self):
        from . import signals

        signals.connect()
        post_migrate.connect(grant_role_permissions, sender=self)
