"""The database engines' per-process metadata cache: after an index change it reloads only the rows
that change wrote, and never serves a document's old rights or a removed document."""

from django.contrib.auth.models import Group

import pytest

from core.roles import MEMBERS
from search.engines import get_database_engine
from search.engines.base import Reader, SearchQuery
from search.models import SearchDocument

from .conftest import make_coop, restrict


@pytest.fixture
def coops(site_tree, index_now):
    region = site_tree["region_ara"]
    with index_now():
        return [
            make_coop(region, f"Coop Cache {index}", f"coop-cache-{index}", f"Texte cacheproof n° {index}.")
            for index in range(3)
        ]


def cached():
    return get_database_engine()._metadata.get()


def test_a_publish_reloads_only_the_rows_it_wrote(coops, index_now):
    before = dict(cached())
    with index_now():
        coops[0].summary = "Texte cacheproof revu."
        coops[0].save_revision().publish()
    after = cached()
    assert after[coops[0].pk] is not before[coops[0].pk]
    # Untouched documents keep the very objects already built: they were not read again.
    assert all(after[pk] is before[pk] for pk in before if pk != coops[0].pk)


def test_a_restriction_is_seen_by_the_next_search(coops, index_now):
    anonymous = SearchQuery(text="cacheproof", reader=Reader.anonymous())
    assert get_database_engine().search(anonymous).count == 3
    with index_now():
        restrict(coops[1], "groups", [Group.objects.get(name=MEMBERS)])
    results = get_database_engine().search(anonymous)
    assert results.count == 2
    assert coops[1].url not in [hit.url for hit in results.hits]


def test_a_removed_document_leaves_the_cache(coops, index_now):
    cached()
    with index_now():
        coops[2].unpublish()
    assert coops[2].pk not in cached()
    assert not SearchDocument.objects.filter(pk=coops[2].pk).exists()
    browse = get_database_engine().search(SearchQuery(text="", filters={"kind": ("cooperative",)}))
    assert coops[2].url not in [hit.url for hit in browse.hits]


def test_a_version_that_went_back_reloads_everything(coops):
    engine = get_database_engine()
    first = dict(cached())
    engine._metadata._version += 10  # as after restoring an older database
    again = cached()
    assert again.keys() == first.keys()
    assert all(again[pk] is not first[pk] for pk in first)
