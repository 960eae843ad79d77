"""The index follows the page tree after each commit: publish, unpublish, delete, move, rename,
view restrictions, bulk imports, and the reindex command."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from core.events import pages_bulk_imported
from core.roles import MEMBERS
from search.engines import get_engine
from search.engines.base import SearchQuery
from search.models import SearchDocument

from .conftest import make_coop


def found(text):
    return [hit.url for hit in get_engine().search(SearchQuery(text=text)).hits]


@pytest.fixture
def page(site_tree, index_now):
    with index_now():
        return make_coop(site_tree["region_ara"], "Coop Zeta", "coop-zeta", "Spécialiste du quorumsensing.")


def test_publish_indexes_and_updates(page, index_now):
    assert found("quorumsensing") == ["/reseau/auvergne-rhone-alpes/coop-zeta/"]
    with index_now():
        page.summary = "Désormais experte en chromatographie."
        page.save_revision().publish()
    assert found("quorumsensing") == []
    assert len(found("chromatographie")) == 1


def test_nothing_changes_before_commit(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.summary = "Désormais experte en chromatographie."
        page.save_revision().publish()
    assert callbacks  # an index update waits for the commit...
    assert found("chromatographie") == []  # ...so a rolled-back publish never shows


def test_unpublish_and_delete_remove(page, index_now):
    with index_now():
        page.unpublish()
    assert found("quorumsensing") == []
    assert not SearchDocument.objects.filter(page=page).exists()
    with index_now():
        page.save_revision().publish()
    assert len(found("quorumsensing")) == 1
    with index_now():
        page.delete()
    assert found("quorumsensing") == []


def test_move_and_slug_change_update_urls(page, site_tree, index_now):
    with index_now():
        page.move(site_tree["region_idf"], pos="last-child")
    assert found("quorumsensing") == ["/reseau/ile-de-france/coop-zeta/"]
    region = site_tree["region_idf"]
    with index_now():
        region.slug = "idf"
        region.save_revision().publish()
    assert found("quorumsensing") == ["/reseau/idf/coop-zeta/"]


def test_view_restriction_on_an_ancestor_changes_audience(page, site_tree, index_now):
    region = site_tree["region_ara"]
    with index_now():
        restriction = PageViewRestriction.objects.create(page=region, restriction_type="groups")
        restriction.groups.set([Group.objects.get(name=MEMBERS)])
    document = SearchDocument.objects.get(page=page)
    assert document.audience == [f"group:{Group.objects.get(name=MEMBERS).pk}"]
    assert found("quorumsensing") == []  # anonymous
    with index_now():
        restriction.delete()
    assert len(found("quorumsensing")) == 1


def test_bulk_import_signal(page, index_now):
    page.summary = "Importée en masse : dendrochronologie."
    page.save_revision().publish()  # outside index_now: no update ran
    assert found("dendrochronologie") == []
    with index_now():
        pages_bulk_imported.send(sender=None, page_ids=[page.pk])
    assert len(found("dendrochronologie")) == 1


def test_reindex_command_rebuilds_everything(site_tree, capsys):
    assert SearchDocument.objects.count() == 0  # the fixture's pages were built without commits
    call_command("search_reindex")
    assert SearchDocument.objects.count() == 2
    assert "2 documents" in capsys.readouterr().out
    assert len(found("alpha")) == 1
    call_command("search_reindex", verbosity=0)  # idempotent
    assert SearchDocument.objects.count() == 2
