import pytest

from runs.models import Run, checklist_items
from tests.practices.conftest import category, checklist, make_checklist  # noqa: F401

PROJECT = "Projet zqrunprojetcanari"
CLIENT = "Client zqrunclientcanari"
NOTE = "Note zqrunnotecanari"
FILE_BYTES = b"zqrunfilecanari: the evidence itself"


def start_run(page, cooperative, user, **fields):
    fields.setdefault("project", PROJECT)
    fields.setdefault("client", CLIENT)
    return Run.objects.create(
        checklist=page,
        revision=page.live_revision,
        items=checklist_items(page),
        cooperative=cooperative,
        started_by=user,
        **fields,
    )


@pytest.fixture
def run(checklist, site_tree, people):  # noqa: F811 - the checklist fixture, by name
    """A run of Coop Alpha on Coop Beta's checklist (its authors are Beta's editors)."""
    return start_run(checklist, site_tree["coop_a"], people["member_a"])


def answer_url(run, item):
    return f"/verifications/{run.pk}/criteres/{item['id']}/"
