"""Wagtail admin page search (/admin/pages/search/) on the loaded corpus, as a moderator.

python bench/admin_search.py   (after bench/load.py; DATABASE_URL picks SQLite or PostgreSQL)

Times the whole request through Django's test client, the way an editor meets it: the search
results, the per-type facet counts and the rendering of 20 rows.
"""

import os
import re
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
        count = re.search(r"There (?:is|are) (\d+) match", response.content.decode())
        print(
            f"{text!r}: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms, "
            f"{count.group(1) if count else '?'} pages"
        )
    print(f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
