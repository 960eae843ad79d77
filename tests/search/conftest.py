from django.core.management import call_command

import pytest

from search import synonyms

# The Elasticsearch-compatible test server and an engine bound to it (see that module's docstring).
from tests.search.elasticsearch_server import elasticsearch_server, elasticsearch_settings, es_engine  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_synonym_cache():
    synonyms.forget()
    yield
    synonyms.forget()


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    """Run the index updates a block schedules, as the commit would."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def indexed_site(site_tree):
    call_command("search_reindex", verbosity=0)
    return site_tree
