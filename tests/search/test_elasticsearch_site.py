"""The site's pages through the Elasticsearch engine: reindex, publish sync, view restrictions."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from core.roles import MEMBERS
from kb.factories import CooperativePageFactory
from search import engines
from search.engines.base import Reader, SearchQuery

pytestmark = pytest.mark.django_db


def restrict(page, *groups):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(groups)


def titles(text, user=None, **kwargs):
    results = engines.run_search(SearchQuery(text=text, reader=Reader.for_user(user), **kwargs))
    assert results.engine == "elasticsearch"
    return [hit.title for hit in results.hits]


@pytest.fixture
def es_site(site_tree, people, elasticsearch_settings, index_now):
    region = site_tree["region_ara"]
    with index_now():
        members_only = CooperativePageFactory(
            parent=region, title="Coop Vorpale", slug="coop-vorpale", city="Grenoble"
        )
        restrict(members_only, Group.objects.get(name=MEMBERS))
        outsiders = Group.objects.create(name="Groupe restreint")
        people["outsider"].groups.add(outsiders)
        group_only = CooperativePageFactory(
            parent=region, title="Coop Brillig", slug="coop-brillig", city="Annecy"
        )
        restrict(group_only, outsiders)
    call_command("search_reindex", verbosity=0)
    return site_tree


def test_reindex_fills_elasticsearch(es_site):
    assert titles("alpha") == ["Coop Alpha"]
    assert titles("coop alpha")[0] == "Coop Alpha"  # any word may match; both rank first
    assert titles("", filters={"kind": ("cooperative",)}, sort="date") == ["Coop Beta", "Coop Alpha"]


@pytest.mark.parametrize(
    ("username", "vorpale", "brillig"),
    [(None, False, False), ("member_a", True, False), ("outsider", False, True)],
)
def test_view_restrictions_hold(es_site, people, username, vorpale, brillig):
    user = people[username] if username else None
    reader = Reader.for_user(user)
    for word, visible in (("Vorpale", vorpale), ("Brillig", brillig)):
        results = engines.run_search(SearchQuery(text=word, reader=reader))
        assert (results.count == 1) is visible, word
        assert any(f"Coop {word}" == title for title, _ in results.facets["cooperative"]) is visible
        assert bool(engines.get_engine().suggest(word[:4], reader)) is visible


def test_publish_and_unpublish_reach_elasticsearch(es_site, index_now):
    with index_now():
        page = CooperativePageFactory(
            parent=es_site["region_idf"], title="Coop Jabberwock", slug="coop-jabberwock"
        )
    assert titles("jabberwock") == ["Coop Jabberwock"]
    with index_now():
        page.unpublish()
    assert titles("jabberwock") == []
