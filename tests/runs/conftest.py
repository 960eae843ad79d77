import uuid

import pytest

from practices.models import ChecklistPage
from runs.factories import RunFactory
from tests.practices.conftest import category, checklist, make_checklist  # noqa: F401

PROJECT = "Projet zqrunprojetcanari"
CLIENT = "Client zqrunclientcanari"
NOTE = "Note zqrunnotecanari"
FILE_BYTES = b"zqrunfilecanari: the evidence itself"


def start_run(page, cooperative, user, **fields):
    fields.setdefault("project", PROJECT)
    fields.setdefault("client", CLIENT)
    return RunFactory(checklist=page, cooperative=cooperative, started_by=user, **fields)


@pytest.fixture
def run(checklist, site_tree, people):  # noqa: F811 - the checklist fixture, by name
    """A run of Coop Alpha on Coop Beta's checklist (its authors are Beta's editors)."""
    return start_run(checklist, site_tree["coop_a"], people["member_a"])


def answer_url(run, item):
    return f"/verifications/{run.pk}/criteres/{item['id']}/"


def change_checklist(live):
    """A new published version: the first item reworded, the second removed, one added."""
    page = ChecklistPage.objects.get(pk=live.pk)
    data = page.sections.get_prep_value()
    items = data[0]["value"]["items"]
    items[0]["value"]["criterion"] = "Les sauvegardes tournent chaque nuit"
    del items[1]
    added = {"criterion": "Le certificat est valide", "verification": "", "blocking": True}
    data[1]["value"]["items"].append({"type": "item", "value": added, "id": str(uuid.uuid4())})
    page.sections = data
    page.change_note = "Sauvegardes chaque nuit"
    page.save_revision().publish()
    return ChecklistPage.objects.get(pk=live.pk)
