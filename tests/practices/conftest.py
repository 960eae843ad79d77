import datetime

import pytest

from practices.models import ChecklistPage, PracticeCategoryPage, ProcedurePage, Visibility
from tests.factories import add_published


@pytest.fixture
def category(site_tree):
    return add_published(
        site_tree["practices"], PracticeCategoryPage(title="Infrastructure", slug="infrastructure")
    )


def make_procedure(
    category, title="Restaurer une sauvegarde", slug="restaurer", tag_names=("sauvegarde",), **fields
):
    page = ProcedurePage(
        title=title,
        slug=slug,
        summary=fields.pop("summary", "Restaurer les données d'hier en moins d'une heure."),
        context_goal="<p>Les sauvegardes ne valent que si on sait les restaurer.</p>",
        steps=[
            {
                "type": "step",
                "value": {
                    "title": "Choisir l'archive",
                    "instructions": "<p>Lister les archives avec <code>borg list</code>.</p>",
                    "tip": "Prendre la plus récente.",
                    "warning": "",
                    "tool": None,
                },
            }
        ],
        **fields,
    )
    page.tags.set(list(tag_names))
    return add_published(category, page)


def make_checklist(category, title="Mise en production", slug="mise-en-production", **fields):
    page = ChecklistPage(
        title=title,
        slug=slug,
        summary=fields.pop("summary", "Ce qu'on vérifie avant d'ouvrir un service."),
        introduction="<p>À dérouler <strong>avant</strong> chaque mise en production.</p>",
        sections=[
            {
                "type": "section",
                "value": {
                    "title": "Sauvegardes",
                    "items": [
                        {
                            "criterion": "Les sauvegardes tournent",
                            "verification": "Voir le journal.",
                            "blocking": True,
                        },
                        {"criterion": "La restauration est testée", "verification": "", "blocking": False},
                    ],
                },
            },
            {
                "type": "section",
                "value": {
                    "title": "Supervision",
                    "items": [
                        {
                            "criterion": "Une alerte arrive",
                            "verification": "Couper le service\nAttendre",
                            "blocking": True,
                        }
                    ],
                },
            },
        ],
        last_reviewed=datetime.date(2025, 1, 15),
        **fields,
    )
    page.tags.set(["production", "qualité"])
    return add_published(category, page)


@pytest.fixture
def procedure(category, site_tree):
    return make_procedure(category, author_cooperative=site_tree["coop_a"])


@pytest.fixture
def members_procedure(category, site_tree):
    return make_procedure(
        category,
        title="Plan de reprise interne",
        slug="plan-de-reprise",
        summary="Notre plan secret de reprise.",
        visibility=Visibility.MEMBERS,
        author_cooperative=site_tree["coop_a"],
    )


@pytest.fixture
def checklist(category, site_tree):
    return make_checklist(category, author_cooperative=site_tree["coop_b"])
