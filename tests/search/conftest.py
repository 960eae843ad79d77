from django.core.management import call_command

import pytest

from search import synonyms


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
