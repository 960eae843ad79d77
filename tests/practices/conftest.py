import datetime

import pytest

from practices.factories import (
    ChecklistPageFactory,
    PracticeCategoryPageFactory,
    ProcedurePageFactory,
    item,
    section,
    step,
)
from practices.models import Visibility


@pytest.fixture
def category(site_tree):
    return PracticeCategoryPageFactory(
        parent=site_tree["practices"], title="Infrastructure", slug="infrastructure"
    )


def make_procedure(
    category, title="Restaurer une sauvegarde", slug="restaurer", tag_names=("sauvegarde",), **fields
):
    fields.setdefault("summary", "Restaurer les données d'hier en moins d'une heure.")
    return ProcedurePageFactory(
        parent=category,
        title=title,
        slug=slug,
        context_goal="<p>Les sauvegardes ne valent que si on sait les restaurer.</p>",
        steps=[
            step(
                "Choisir l'archive",
                "<p>Lister les archives avec <code>borg list</code>.</p>",
                tip="Prendre la plus récente.",
            )
        ],
        tags=list(tag_names),
        **fields,
    )


def make_checklist(category, title="Mise en production", slug="mise-en-production", **fields):
    fields.setdefault("summary", "Ce qu'on vérifie avant d'ouvrir un service.")
    return ChecklistPageFactory(
        parent=category,
        title=title,
        slug=slug,
        introduction="<p>À dérouler <strong>avant</strong> chaque mise en production.</p>",
        sections=[
            section(
                "Sauvegardes",
                [
                    item("Les sauvegardes tournent", "Voir le journal.", blocking=True),
                    item("La restauration est testée"),
                ],
            ),
            section("Supervision", [item("Une alerte arrive", "Couper le service\nAttendre", blocking=True)]),
        ],
        last_reviewed=datetime.date(2025, 1, 15),
        tags=["production", "qualité"],
        **fields,
    )


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
