"""Wagtail admin page search (/admin/pages/search/) on the loaded corpus, as a moderator.

python bench/admin_search.py   (after bench/load.py; DATABASE_URL picks SQLite or PostgreSQL)

Times the whole request through Django's test client, the way an editor meets it: the search
results, the per-type facet counts and the rendering of 20 rows. That view matches titles only
(Wagtail's autocomplete); the backend's full-text search over titles and bodies, which the
issue's 62 s figure was about, is timed next with the same words.
"""

import os
import statistics
import time

from setup_django import setup

# Common words of the corpus, and title prefixes shared by thousands of packages.
QUERIES = ["données", "serveur", "sauvegarde", "logiciel", "bibliothèque", "lib", "python", "doc"]
ROUNDS = 3


def main():
    setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    client = Client()
    client.force_login(get_user_model().objects.get(username="moderatrice"))  # kb_demo's moderator
    settings.ALLOWED_HOSTS = ["*"]
    print(f"{connection.vendor}, backend {type(get_search_backend()).__name__}")
    for text in QUERIES:
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            response = client.get("/admin/pages/search/", {"q": text})
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        count = response.context_data["paginator"].count
        print(f"{text!r}: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms, {count} pages")
    backend = get_search_backend()
    for text in QUERIES:
        started = time.perf_counter()
        results = backend.search(text, Page.objects.all(), operator="or")
        top = [page.title for page in results[:20]]
        count = results.count()
        print(
            f"backend.search {text!r}: {(time.perf_counter() - started) * 1000:.0f} ms, "
            f"{count} pages, top {top[:2]}"
        )
    print(f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
