"""Load the corpus the way a site is loaded, then time a full reindex.

python bench/load.py /path/to/corpus   (DATABASE_URL=postgres://…/kb_…bench… for PostgreSQL)

Recreates the bench database, migrates, builds the demo site (`manage.py kb_demo`), imports
procedures-fr.jsonl with `import_practices` and tools-fr.jsonl with `import_tools`: real procedure
and tool pages whose search documents come from their own search_data(). Then times
`search_reindex` in full (pages read again) and with --engine-only.
"""

import argparse
import io
import os
import time
from pathlib import Path

from setup_django import setup


def timed(label, command, *args, **options):
    from django.core.management import call_command

    started = time.perf_counter()
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=out, **options)
    summary = out.getvalue().strip().splitlines()[-1:]  # the command's own summary line
    print(f"{label}: {time.perf_counter() - started:.1f} s  {' '.join(summary)}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    setup(fresh=True)
    from search.models import SearchDocument

    timed("demo site (kb_demo)", "kb_demo")
    timed("import_practices", "import_practices", str(args.corpus / "procedures-fr.jsonl"), no_progress=True)
    timed("import_tools", "import_tools", str(args.corpus / "tools-fr.jsonl"), verbosity=0)
    print(f"{SearchDocument.objects.count()} search documents after the imports")
    timed("search_reindex (full)", "search_reindex", verbosity=0)
    timed("search_reindex --engine-only", "search_reindex", engine_only=True, verbosity=0)
    print(f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
