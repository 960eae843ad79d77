from importlib import import_module

from django.core.management.base import BaseCommand

# Each app adds its demo content after the network exists; order matters.
DEMO_LOADERS = ["kb.demo.network", "practices.demo", "tooling.demo"]


class Command(BaseCommand):
    help = "Create the demo network (idempotent): regions, example cooperatives, users, content."

    def handle(self, *args, **options):
        context = {}
        for module in DEMO_LOADERS:
            result = import_module(module).load(self.stdout, **context)
            context.update(result or {})
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
