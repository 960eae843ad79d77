from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from wagtail.models import PageViewRestriction

import pytest

from core.roles import MEMBERS
from kb.factories import CooperativePageFactory
from search import engines
from search.tasks import refresh_pages

# The Elasticsearch-compatible test server and an engine bound to it (see that module's docstring).
from tests.search.elasticsearch_server import (  # noqa: F401
    elasticsearch_server,
    elasticsearch_server_wanted,
    elasticsearch_settings,
    es_engine,
)


def available_engines():
    names = ["database"]
    if elasticsearch_server_wanted():
        names.append("elasticsearch")
    return names


@pytest.fixture(params=available_engines())
def engine_name(request, settings):
    """Each contract test runs on every engine available here (database: SQLite or PostgreSQL)."""
    settings.KB_SEARCH_ENGINE = request.param
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch_settings")  # KB_TEST_ELASTICSEARCH_URL or the OpenSearch node
    engines._build.cache_clear()
    return request.param if request.param != "database" else connection.vendor


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    """Run the index updates a block schedules, as the commit would."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def make_coop(region, title, slug, summary, presentation=""):
    return CooperativePageFactory(
        parent=region, title=title, slug=slug, summary=summary, presentation=presentation
    )


def restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def corpus(site_tree, people, engine_name, index_now):
    """Public texts for the language tests, and restricted ones seeded with unique words."""
    ara, idf = site_tree["region_ara"], site_tree["region_idf"]
    with index_now():
        pages = {
            "events": make_coop(ara, "Coop Gamma", "coop-gamma", "Organisation d'Événements coopératifs."),
            "backup": make_coop(
                ara,
                "Coop Delta",
                "coop-delta",
                "Nous aidons à sauvegarder les serveurs.",
                "<p>Une procédure claire pour restaurer les données après une panne.</p>",
            ),
            "tool": make_coop(idf, "Coop Epsilon", "coop-epsilon", "Un outil libre de facturation."),
            "members": make_coop(idf, "Coop Secrète", "coop-secrete", "Texte zorglubmembres interne."),
            "editors": make_coop(idf, "Coop Réservée", "coop-reservee", "Texte zorglubediteurs interne."),
            "login": make_coop(idf, "Coop Connectée", "coop-connectee", "Texte zorglubconnexion interne."),
            "password": make_coop(idf, "Coop Verrouillée", "coop-verrouillee", "Texte zorglubmotdepasse."),
        }
        pages["draft"] = CooperativePageFactory(  # a draft only: never published
            parent=idf, title="Coop Brouillon", slug="coop-brouillon", summary="zorglubbrouillon", live=False
        )
        # A published page whose newer draft holds a word readers must not see yet.
        pages["tool"].summary = "Brouillon zorglubrevision pas encore publié."
        pages["tool"].save_revision()
        restrict(pages["members"], "groups", [Group.objects.get(name=MEMBERS)])
        site_tree["coop_a"].refresh_from_db()
        restrict(pages["editors"], "groups", [site_tree["coop_a"].editors_group])
        restrict(pages["login"], "login")
        restrict(pages["password"], "password")
        refresh_pages.call([site_tree["coop_a"].pk, site_tree["coop_b"].pk])  # built before this fixture
    return pages


@pytest.fixture
def reindexed(site_tree):
    call_command("search_reindex", verbosity=0)
    return site_tree
