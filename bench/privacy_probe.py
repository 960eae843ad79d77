"""The canary probe at scale: the canaries of tests/privacy seeded into the loaded corpus, then at
least 10,000 requests as readers who may not see them (anonymous, a member and an editor outside the
group): the site's routes over a sample of the tree, searches and suggestions for the corpus's most
common words and for every canary. Counts probes, leaks and 5xx; everything seeded is rolled back.

python bench/privacy_probe.py [--probes 10000]   (after bench/load.py; DATABASE_URL picks the database)
"""

import argparse
import time
from collections import Counter

from setup_django import setup


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--probes", type=int, default=10_000)
    args = parser.parse_args()
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client, TestCase
    from django.test.utils import override_settings

    from wagtail.models import Page

    from search.models import SearchTerm
    from tests.privacy.canaries import EDITOR, MEMBER, canary, fetch, seed_canaries, site_urls
    from tooling.models import ToolPage

    started = time.perf_counter()
    with transaction.atomic(), override_settings(ALLOWED_HOSTS=["*"]):
        editor = get_user_model().objects.create_user("canary_seed_editor")
        # The index follows the seeded content as it would after each commit.
        with TestCase.captureOnCommitCallbacks(execute=True):
            seed = seed_canaries(editor)
        hidden = [*seed.canaries, canary("deleted")]
        seeded_at = time.perf_counter()

        # Every non-tool page with its routes, a sample of the 21,000 tools, the seeded pages.
        tools = ToolPage.objects.order_by("?")[:300]
        pages = list(Page.objects.filter(depth__gt=1).not_type(ToolPage)) + list(tools)
        urls = sorted(site_urls(seed, pages))
        words = list(SearchTerm.objects.order_by("-documents").values_list("word", flat=True)[:1500])
        urls += [f"/api/search/?q={word}&per_page=50" for word in words]
        urls += [f"/api/search/suggest/?q={word[:4]}" for word in words[:500]]

        readers = {"anonymous": Client()}
        for name in (MEMBER, EDITOR):
            readers[name] = Client()
            readers[name].force_login(get_user_model().objects.get(username=name))
        probes, throttled, server_errors, found = 0, 0, Counter(), []
        while probes < args.probes:
            for name, client in readers.items():
                for url in urls:
                    status, body = fetch(client, url)
                    probes += 1
                    if status >= 500:
                        server_errors[url] += 1
                    throttled += status == 429  # a throttled answer proves nothing: counted apart
                    secret = hidden if name == "anonymous" else [w for w in hidden if w != canary("login")]
                    found += [(name, url, word) for word in secret if word in body]
                    if probes >= args.probes:
                        break
                if probes >= args.probes:
                    break
        transaction.set_rollback(True)
    elapsed = time.perf_counter() - started
    print(
        f"privacy probe on {connection.vendor}: {probes} probes ({len(urls)} URLs x {len(readers)} readers, "
        f"{len(hidden)} canaries), {len(found)} leaks, {sum(server_errors.values())} 5xx, "
        f"{throttled} throttled, "
        f"seeding {seeded_at - started:.0f} s, {elapsed:.0f} s in all"
    )
    for name, url, word in found[:20]:
        print(f"  LEAK {name} {url} {word}")
    for url, count in server_errors.most_common(10):
        print(f"  5xx {count}x {url}")


if __name__ == "__main__":
    main()
