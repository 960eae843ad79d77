"""Server-side time of the entry pages on the loaded corpus: the home page, « Plan du site » and
the XML sitemap's index and sections (which replaced one 2.3 MB sitemap).

Run on the bench database that bench/load.py filled (its KB_VAR_DIR or DATABASE_URL):

    KB_SEMANTIC_SEARCH=0 KB_VAR_DIR=var/pagesbench .venv/bin/python bench/home_pages.py [--as membre]

Each page is asked for anonymously, then as each `--as` user (default: the demo member « membre »,
whose cooperative has watch duties); `--path` adds pages for every reader (a region's, a cooperative's,
their « Quoi de neuf »). Exit status 1 when a median is over --budget-ms (default 50).
"""

import argparse
import os
import sys

from render_pages import measure
from setup_django import setup

PAGES = ["/", "/plan-du-site/", "/sitemap.xml", "/sitemap-reseau.xml", "/sitemap-pratiques.xml"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--budget-ms", type=float, default=50.0, help="median budget per page (default 50)")
    parser.add_argument("--as", dest="usernames", action="append", help="also measure as this user")
    parser.add_argument("--path", dest="paths", action="append", default=[], help="also measure this page")
    return parser.parse_args()


def sitemap_pages():
    """Every page of the tools and reviews sections: the big ones."""
    from core.sitemap_xml import sitemap_sections

    urls = []
    for name in ("outils", "avis"):
        pages = sitemap_sections()[name]().paginator.num_pages
        urls += [f"/sitemap-{name}.xml"] + [f"/sitemap-{name}.xml?p={n}" for n in range(2, pages + 1)]
    return urls


def main():
    args = parse_args()
    setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    rows = []
    readers = [None, *(args.usernames or ["membre"])]
    for username in readers:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        paths = (["/", "/plan-du-site/"] if username else PAGES + sitemap_pages()) + args.paths
        for path in paths:
            rows.append((username or "anonymous", path, measure(client, path, args.runs)))

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(f"| reader | path | status | median ms | p90 ms | CPU median ms | queries | KB |\n|{'---|' * 8}")
    for reader, path, result in rows:
        print(
            f"| {reader} | `{path}` | {result['status']} | {result['median']:.1f} | {result['p90']:.1f} "
            f"| {result['cpu']:.1f} | {result['queries']} | {result['kb']:.1f} |"
        )
    over = [f"{reader} {path}" for reader, path, result in rows if result["median"] > args.budget_ms]
    print(f"\n{len(over)} over the {args.budget_ms:g} ms budget{': ' + ', '.join(over) if over else ''}.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
