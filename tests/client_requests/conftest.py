import time

from django.core import signing
from django.utils import timezone

import pytest

from client_requests.forms import STARTED_SALT
from client_requests.models import ClientRequest
from tests import factories


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
    client_request = ClientRequest.objects.create(
        title=fields.pop("title", "Refaire le site de l'association"),
        description=fields.pop("description", "Un site accessible et sobre."),
        region=site_tree[region] if region else None,
        organisation=ClientRequest.Organisation.ASSOCIATION,
        contact_name=fields.pop("contact_name", "Camille Zorgdupont"),
        contact_email=fields.pop("contact_email", "camille.zorgdupont@example.net"),
        consented_at=timezone.now(),
        status=status,
        **fields,
    )
    client_request.skills.set([site_tree["skills"][name] for name in skills])
    return client_request


@pytest.fixture
def coop_c(site_tree):
    """A second cooperative with the web skill, in Île-de-France (the national level)."""
    return factories.make_cooperative(
        site_tree["region_idf"], "Coop Gamma", "coop-gamma", city="Paris", skills=[site_tree["skills"]["web"]]
    )


@pytest.fixture
def coop_d(site_tree):
    """Another web cooperative in Auvergne-Rhône-Alpes, beside Coop Alpha."""
    return factories.make_cooperative(
        site_tree["region_ara"], "Coop Delta", "coop-delta", "Grenoble", skills=[site_tree["skills"]["web"]]
    )


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
