import time

from django.core import signing

import pytest

from client_requests.factories import ClientRequestFactory
from client_requests.forms import STARTED_SALT
from client_requests.models import ClientRequest
from kb.factories import CooperativePageFactory


def started(seconds_ago=60):
    """The form's hidden clock, as if the page had been opened `seconds_ago`."""
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def form_data(site_tree, **changes):
    data = {
        "title": "Refaire le site de l'association",
        "description": "Un site accessible et sobre, avec un agenda des ateliers.",
        "region": site_tree["region_ara"].pk,
        "skills": [site_tree["skills"]["web"].pk],
        "timing": "quarter",
        "budget": "5k-20k",
        "organisation": "association",
        "organisation_name": "Les Ateliers du Rhône",
        "contact_name": "Camille Zorgdupont",
        "contact_email": "camille.zorgdupont@example.net",
        "consent": "on",
        "website": "",
        "started": started(),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def make_request(site_tree, status=ClientRequest.Status.NEW, skills=("web",), region="region_ara", **fields):
    return ClientRequestFactory(
        region=site_tree[region] if region else None,
        status=status,
        skills=[site_tree["skills"][name] for name in skills],
        **fields,
    )


@pytest.fixture
def coop_c(site_tree):
    """A second cooperative with the web skill, in Île-de-France (the national level)."""
    return CooperativePageFactory(
        parent=site_tree["region_idf"],
        title="Coop Gamma",
        slug="coop-gamma",
        city="Paris",
        skills=[site_tree["skills"]["web"]],
    )


@pytest.fixture
def coop_d(site_tree):
    """Another web cooperative in Auvergne-Rhône-Alpes, beside Coop Alpha."""
    return CooperativePageFactory(
        parent=site_tree["region_ara"],
        title="Coop Delta",
        slug="coop-delta",
        city="Grenoble",
        skills=[site_tree["skills"]["web"]],
    )


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
