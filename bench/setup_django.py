"""Django set-up for the bench scripts: a throw-away database unless DATABASE_URL says otherwise."""

import os
import sys
from pathlib import Path


def setup():
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("KB_VAR_DIR", str(root / "var" / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
