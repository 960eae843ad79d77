"""Wagtail admin page search on the loaded corpus: modelsearch's SQLite backend vs ours.

python bench/admin_search.py [--index]   (--index first fills Wagtail's own index: update_index)
"""

import sys
import time

from setup_django import setup

QUERIES = ["paquet", "serveur", "sauvegarde", "configuration réseau", "rsync"]


def timed(backend, text):
    from wagtail.models import Page

    started = time.perf_counter()
    results = backend.search(text, Page.objects.all(), operator="or")
    titles = [page.title for page in results[:20]]
    count = results.count()
    return (time.perf_counter() - started) * 1000, count, titles[:3]


def main():
    setup()
    from django.core.management import call_command

    from wagtail.search.backends import get_search_backend

    if "--index" in sys.argv:
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"update_index: {time.perf_counter() - started:.0f} s")
    ours = get_search_backend("default")
    stock = get_search_backend("wagtail.search.backends.database")
    print(f"ours: {type(ours).__name__}, stock: {type(stock).__name__}")
    for text in QUERIES:
        ms, count, titles = timed(ours, text)
        print(f"ours  {text!r}: {ms:.0f} ms, {count} hits, top {titles}")
    for text in QUERIES[-2:]:  # the stock backend is too slow on common words to loop over all
        ms, count, titles = timed(stock, text)
        print(f"stock {text!r}: {ms:.0f} ms, {count} hits, top {titles}")


if __name__ == "__main__":
    main()
