"""Server-side render time of CoopKB's pages with the demo content.

Builds a fresh SQLite database in a temporary KB_VAR_DIR, loads `kb_demo` (every app's demo loader), then asks
the Django test client for each page and reports the median render time, the SQL queries and the HTML size.

Pages measured: the first live, public page of every Page model that has one (so procedure and tool pages are
measured as soon as their apps and demo content exist), search results, the login page and a 404. Add more
with --url (repeatable), e.g. `--url /outils/?categorie=stockage`.

    .venv/bin/python bench/render_pages.py [--runs 30] [--budget-ms 50] [--url PATH ...] [--as USERNAME]

Exit status 1 when a page's median is over the budget.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WARM_UP_RUNS = 3
FIXED_URLS = [
    ("search results", "/recherche/?q=num%C3%A9rique"),
    ("search results, no hit", "/recherche/?q=zzzzzz"),
    ("login", "/compte/connexion/"),
    ("not found", "/cette-page-n-existe-pas/"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--budget-ms", type=float, default=50.0, help="median budget per page (default 50)")
    parser.add_argument("--url", action="append", default=[], help="an extra path to measure (repeatable)")
    parser.add_argument("--as", dest="username", help="measure signed in as this demo user")
    return parser.parse_args()


def set_up_django(var_dir):
    """Django on a fresh SQLite database in var_dir, with the test settings (DEBUG off, no query log)."""
    os.environ["KB_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopkb.settings.test")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("kb_demo", stdout=io.StringIO())


def page_urls():
    """(label, path) of the first live public page of each Page model, in tree order."""
    from wagtail.models import Page, get_page_models

    urls = []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().public().order_by("path").first()
        if page is not None:
            urls.append((str(model._meta.verbose_name), page.url))
    return urls


def measure(client, path, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP_RUNS):
        response = client.get(path)
    timings, cpu_timings = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpu_timings.append((time.process_time() - cpu_start) * 1000)
            timings.append((time.perf_counter() - start) * 1000)
    return {
        "status": response.status_code,
        "median": statistics.median(timings),
        "p90": statistics.quantiles(timings, n=10)[-1] if runs >= 2 else timings[0],
        # CPU time leaves out waiting for a core: the fairer figure on a shared machine.
        "cpu": statistics.median(cpu_timings),
        "queries": len(queries),
        "kb": len(response.content) / 1024,
    }


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as var_dir:
        set_up_django(var_dir)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from tqdm import tqdm

        client = Client()
        if args.username:
            client.force_login(get_user_model().objects.get(username=args.username))
        urls = page_urls() + FIXED_URLS + [(path, path) for path in args.url]
        rows = []
        for label, path in tqdm(urls, desc="pages", unit="page", file=sys.stderr):
            rows.append((label, path, measure(client, path, args.runs)))

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(f"| page | path | status | median ms | p90 ms | CPU median ms | queries | HTML KB |\n|{'---|' * 8}")
    for label, path, result in rows:
        print(
            f"| {label} | `{path}` | {result['status']} | {result['median']:.1f} | {result['p90']:.1f} "
            f"| {result['cpu']:.1f} | {result['queries']} | {result['kb']:.1f} |"
        )
    over = [label for label, _, result in rows if result["median"] > args.budget_ms]
    worst = max(rows, key=lambda row: row[2]["median"])
    print(
        f"\n{len(rows)} pages, {args.runs} runs each; "
        f"slowest median {worst[2]['median']:.1f} ms ({worst[0]}); "
        f"{len(over)} over the {args.budget_ms:g} ms budget{': ' + ', '.join(over) if over else ''}."
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
