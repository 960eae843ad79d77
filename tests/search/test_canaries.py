"""The canaries of tests/privacy, searched for on every engine: results, counts, facets, excerpts,
suggestions and "did you mean" never show one to a reader who may not see it, and the committee
member who may see them finds them (the positive control)."""

import json

from django.contrib.auth import get_user_model

import pytest

from tests.privacy.canaries import EDITOR, INSIDER, MEMBER, canary, fetch, search_urls, seed_canaries


@pytest.fixture
def seeded(site_tree, people, engine_name, index_now):
    with index_now():
        return seed_canaries(people["editor_a"])


@pytest.mark.parametrize("reader", [None, MEMBER, EDITOR])
def test_no_engine_shows_a_canary_to_a_reader_who_may_not_see_it(client, seeded, reader):
    if reader:
        client.force_login(get_user_model().objects.get(username=reader))
    hidden = [word for word in seeded.canaries if reader is None or word != canary("login")]
    found = []
    for url in search_urls(seeded):
        status, body = fetch(client, url)
        assert status == 200, url
        found += [(url, word) for word in hidden if word in body]
    assert found == []


def test_the_allowed_reader_finds_each_searchable_canary(client, seeded):
    client.force_login(get_user_model().objects.get(username=INSIDER))
    for name in ("group", "checklist", "tool", "coopgroup", "comment"):
        word = canary(name)
        data = client.get("/api/search/", {"q": word}).json()
        assert word in json.dumps(data).lower(), name
