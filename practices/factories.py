"""Factories of the practices: index, categories, procedures, checklists and comments."""

import factory
from factory.django import DjangoModelFactory

from kb.factories import HomePageFactory, PublishedPageFactory, UserFactory
from practices.models import ChecklistPage, Comment, PracticeCategoryPage, PracticeIndexPage, ProcedurePage


def step(title, instructions, tip="", warning=""):
    """One step of a procedure, as StreamField data."""
    return {
        "type": "step",
        "value": {"title": title, "instructions": instructions, "tip": tip, "warning": warning, "tool": None},
    }


def item(criterion, verification="", blocking=False):
    """One criterion of a checklist section."""
    return {"criterion": criterion, "verification": verification, "blocking": blocking}


def section(title, items):
    """One section of a checklist, as StreamField data."""
    return {"type": "section", "value": {"title": title, "items": list(items)}}


class PracticeIndexPageFactory(PublishedPageFactory):
    title = "Pratiques"
    slug = "pratiques"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = PracticeIndexPage


class PracticeCategoryPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Catégorie {n}")
    parent = factory.SubFactory(PracticeIndexPageFactory)

    class Meta:
        model = PracticeCategoryPage


class ProcedurePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Procédure {n}")
    summary = factory.LazyAttribute(lambda page: f"{page.title} en bref.")
    steps = factory.LazyFunction(lambda: [step("Commencer", "<p>La première étape.</p>")])
    parent = factory.SubFactory(PracticeCategoryPageFactory)

    class Meta:
        model = ProcedurePage


class ChecklistPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Liste de contrôle {n}")
    summary = factory.LazyAttribute(lambda page: f"{page.title} en bref.")
    sections = factory.LazyFunction(lambda: [section("Vérifier", [item("Le premier critère")])])
    parent = factory.SubFactory(PracticeCategoryPageFactory)

    class Meta:
        model = ChecklistPage


class CommentFactory(DjangoModelFactory):
    page = factory.SubFactory(ProcedurePageFactory)
    author = factory.SubFactory(UserFactory, role="member")
    body = factory.Sequence(lambda n: f"Commentaire {n}.")

    class Meta:
        model = Comment
