"""Django set-up for the bench scripts: a throw-away database unless DATABASE_URL says otherwise."""

import contextlib
import os
import sys
import tempfile
from pathlib import Path


def setup(fresh=False):
    """Configure Django and migrate; `fresh` first empties the bench database (load.py)."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("KB_VAR_DIR", str(root / "var" / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopkb.settings.test")
    # Searches logged as in production (handed over in batches), not written one by one as in tests.
    os.environ.setdefault("KB_SEARCH_LOG_SECONDS", "10")
    import django

    django.setup()
    from django.core.management import call_command

    if fresh:
        recreate_database()
    call_command("migrate", verbosity=0)


def recreate_database():
    """Drop and create the bench database. Only a database whose name says "bench" is touched,
    so a DATABASE_URL or KB_VAR_DIR left pointing at real data is refused, not wiped."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        sys.exit(f"refusing to recreate {name!r}: a bench database name must contain 'bench'")
    connection.close()
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        return
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")


@contextlib.contextmanager
def throwaway_database(settings="coopkb.settings.test"):
    """Django set up on an empty SQLite database in a temporary KB_VAR_DIR, gone afterwards
    (a DATABASE_URL in the environment is ignored). The caller migrates and fills it."""
    with tempfile.TemporaryDirectory() as var_dir:
        os.environ["KB_VAR_DIR"] = var_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = settings
        os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import django

        django.setup()
        yield
