"""Server-side time of the long listings on the loaded corpus: /pratiques/ (page 1 and 2), /outils/,
the largest tool category, and the Wagtail admin explorer of that category and of Pratiques.

Run on the bench database that bench/load.py filled (its KB_VAR_DIR or DATABASE_URL):

    KB_SEMANTIC_SEARCH=0 .venv/bin/python bench/listing_pages.py [--runs 10]

The public pages are asked for anonymously, the admin ones as a superuser (created if none). Goals of
issue 13: ≤ 50 ms median for public pages, ≤ 200 ms for admin listings.
"""

import argparse

from render_pages import measure
from setup_django import setup


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from practices.models import PracticeIndexPage
    from tooling.models import ToolCategoryPage

    largest = max(ToolCategoryPage.objects.all(), key=lambda category: category.numchild)
    practices = PracticeIndexPage.objects.get()
    client = Client()
    pages = [
        ("/pratiques/", "/pratiques/"),
        ("/pratiques/?page=2", "/pratiques/?page=2"),
        ("/outils/", "/outils/"),
    ]
    pages.append((f"{largest.url} ({largest.numchild} tools)", largest.url))
    for label, path in pages:
        report(label, measure(client, path, args.runs))
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin", "bench-admin@example.org", None
    )
    client.force_login(admin)
    report(f"admin explorer of {largest.title}", measure(client, f"/admin/pages/{largest.pk}/", args.runs))
    report("admin explorer of Pratiques", measure(client, f"/admin/pages/{practices.pk}/", args.runs))


def report(label, figures):
    print(
        f"{label}: median {figures['median']:.1f} ms (CPU {figures['cpu']:.1f}), "
        f"{figures['queries']} queries, {figures['kb']:.0f} KiB, status {figures['status']}"
    )


if __name__ == "__main__":
    main()
