"""Factories of the network: its pages, skills and people; the tests and the demo (kb_demo) use them."""

from django.conf import settings

from wagtail.models import Page

import factory
import wagtail_factories
from factory.django import DjangoModelFactory, Password

from kb.models import CooperativePage, HomePage, MemberProfile, NetworkPage, RegionPage, Skill


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` and published through a revision, as an editor would publish it;
    with `live=False`, a draft: a revision never published.

    Relations held by the page (ParentalManyToMany fields, tags) are given as fields so that the
    revision carries them.
    """

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tags = kwargs.pop("tags", None)
        page = model_class(**kwargs)
        if tags is not None:
            page.tags.set(tags)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        page.refresh_from_db()
        return page


class HomePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Accueil {n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class NetworkPageFactory(PublishedPageFactory):
    title = "Réseau"
    slug = "reseau"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = NetworkPage


class RegionPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Région {n}")
    parent = factory.SubFactory(NetworkPageFactory)

    class Meta:
        model = RegionPage


class SkillFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Compétence {n}")
    slug = factory.Sequence(lambda n: f"competence-{n}")

    class Meta:
        model = Skill
        django_get_or_create = ("slug",)


class CooperativePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Coopérative {n}")
    city = "Lyon"
    summary = factory.LazyAttribute(lambda page: f"{page.title} en bref.")
    parent = factory.SubFactory(RegionPageFactory)

    class Meta:
        model = CooperativePage


class UserFactory(DjangoModelFactory):
    """A user; with `role` ("member", "editor", "moderator"), a member profile gives them its groups."""

    username = factory.Sequence(lambda n: f"personne-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = Password(None)  # unusable unless a password is given
    profile = factory.Maybe(
        "role",
        yes_declaration=factory.RelatedFactory(
            "kb.factories.MemberProfileFactory",
            factory_related_name="user",
            role=factory.SelfAttribute("..role"),
            cooperative=factory.SelfAttribute("..cooperative"),
        ),
    )

    class Params:
        role = None
        cooperative = None

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True


class MemberProfileFactory(DjangoModelFactory):
    """A member profile: saving it puts its user in the role's groups (core.roles.sync_member_groups)."""

    user = factory.SubFactory(UserFactory)
    role = MemberProfile.Role.MEMBER
    cooperative = factory.SubFactory(CooperativePageFactory)

    class Meta:
        model = MemberProfile
