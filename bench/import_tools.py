"""Time `manage.py import_tools` on the whole corpus, on a fresh SQLite database.

Usage: .venv/bin/python bench/import_tools.py ../shared/corpus/tools-fr.jsonl
Runs the import twice: the second run must create nothing (idempotence).
"""

import os
import sys
import tempfile
import time
from pathlib import Path


def main(corpus):
    os.environ["KB_VAR_DIR"] = tempfile.mkdtemp(prefix="kb-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "coopkb.settings.test"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command

    from core.access import PUBLIC_AUDIENCE, Restrictions
    from kb.demo import network
    from tooling.models import ToolPage

    call_command("migrate", verbosity=0)
    network.load(open(os.devnull, "w"))  # noqa: SIM115 (silences the demo's account listing)
    for attempt in ("first", "second"):
        start = time.perf_counter()
        call_command("import_tools", corpus)
        elapsed = time.perf_counter() - start
        print(f"{attempt} import: {elapsed:.1f} s, {ToolPage.objects.count()} tools in the database")

    # What the search app's pages_bulk_imported receiver then does per page (its own index write aside).
    start = time.perf_counter()
    restrictions = Restrictions.load()
    tools = ToolPage.objects.iterator(chunk_size=2000)
    built = sum(1 for tool in tools if tool.search_data(PUBLIC_AUDIENCE, restrictions))
    print(f"search documents: {built} built in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
