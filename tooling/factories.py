"""Factories of the tool watch: index, categories, tools, reviews, usages, référents and watch duties."""

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from kb.factories import CooperativePageFactory, HomePageFactory, PublishedPageFactory, UserFactory
from tooling.models import (
    ReviewPage,
    ToolAlternative,
    ToolCategoryPage,
    ToolIndexPage,
    ToolPage,
    ToolReferent,
    ToolUsage,
    WatchDuty,
)


class ToolIndexPageFactory(PublishedPageFactory):
    title = "Outils"
    slug = "outils"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = ToolIndexPage


class ToolCategoryPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Catégorie d'outils {n}")
    parent = factory.SubFactory(ToolIndexPageFactory)

    class Meta:
        model = ToolCategoryPage


class ToolPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Outil {n}")
    parent = factory.SubFactory(ToolCategoryPageFactory)

    class Meta:
        model = ToolPage


class ReviewPageFactory(PublishedPageFactory):
    cooperative = factory.SubFactory(CooperativePageFactory)
    review_date = factory.LazyFunction(timezone.localdate)
    title = factory.LazyAttribute(lambda review: f"Avis {review.cooperative.title} {review.review_date}")
    slug = factory.LazyAttribute(lambda review: f"avis-{review.cooperative.slug}-{review.review_date}")
    use_case = "Messagerie de l'équipe"
    ring = "trial"
    score_features = 4
    score_usability = 4
    score_operations = 3
    score_maturity = 5
    score_openness = 5
    score_cost = 4
    pros = "Libre"
    cons = "Lourd"
    recommendation = "À essayer"
    parent = factory.SubFactory(ToolPageFactory)

    class Meta:
        model = ReviewPage


class ToolUsageFactory(DjangoModelFactory):
    """A cooperative's relationship to a tool, declared once (a unique constraint)."""

    tool = factory.SubFactory(ToolPageFactory)
    cooperative = factory.SubFactory(CooperativePageFactory)
    relationship = ToolUsage.Relationship.USER

    class Meta:
        model = ToolUsage
        django_get_or_create = ("tool", "cooperative", "relationship")


class ToolAlternativeFactory(DjangoModelFactory):
    """An alternative to a tool, listed once."""

    tool = factory.SubFactory(ToolPageFactory)
    alternative = factory.SubFactory(ToolPageFactory)

    class Meta:
        model = ToolAlternative
        django_get_or_create = ("tool", "alternative")


class ToolReferentFactory(DjangoModelFactory):
    """A référent of a tool, once per person: by default a member, for their own cooperative."""

    tool = factory.SubFactory(ToolPageFactory)
    user = factory.SubFactory(UserFactory, role="member")
    cooperative = factory.LazyAttribute(lambda referent: referent.user.kb_profile.cooperative)

    class Meta:
        model = ToolReferent
        django_get_or_create = ("tool", "user")


class WatchDutyFactory(DjangoModelFactory):
    """A duty on a category (or, given `tool=` and `category=None`, on one tool) for `cooperatives`."""

    category = factory.SubFactory(ToolCategoryPageFactory)
    interval_months = 6

    class Meta:
        model = WatchDuty
        skip_postgeneration_save = True

    @factory.post_generation
    def cooperatives(duty, create, extracted, **kwargs):
        if create and extracted:
            duty.cooperatives.set(extracted)
