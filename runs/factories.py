"""Factories of the checklists' runs."""

import factory
from factory.django import DjangoModelFactory

from kb.factories import CooperativePageFactory, UserFactory
from practices.factories import ChecklistPageFactory
from runs.models import Run, checklist_items


class RunFactory(DjangoModelFactory):
    """A run of the checklist's published version, started by a member of the running cooperative."""

    checklist = factory.SubFactory(ChecklistPageFactory)
    revision = factory.LazyAttribute(lambda run: run.checklist.live_revision)
    items = factory.LazyAttribute(lambda run: checklist_items(run.checklist))
    cooperative = factory.SubFactory(CooperativePageFactory)
    started_by = factory.SubFactory(
        UserFactory, role="member", cooperative=factory.SelfAttribute("..cooperative")
    )
    project = factory.Sequence(lambda n: f"Projet {n}")

    class Meta:
        model = Run
