from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create the demo network (idempotent): regions, example cooperatives, users, content."

    def handle(self, *args, **options):
        # Each app names its loader in its AppConfig (`demo_loader`): in INSTALLED_APPS order, the
        # network first, every loader receiving what the loaders before it built.
        context = {}
        for app_config in apps.get_app_configs():
            loader = getattr(app_config, "demo_loader", None)
            if loader is not None:
                context.update(import_string(loader)(self.stdout, **context) or {})
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
