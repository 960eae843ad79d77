"""Builders for the network tree and its people, shared by every app's tests."""

from django.contrib.auth import get_user_model

from wagtail.models import Page, Site

from kb.models import CooperativePage, HomePage, MemberProfile, NetworkPage, RegionPage, Skill
from practices.models import PracticeIndexPage
from tooling.models import ToolIndexPage

PASSWORD = "correct-horse-battery-staple"


def add_published(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site():
    """The fixed skeleton every site has: home, Pratiques, Outils, Réseau."""
    root = Page.get_first_root_node()
    home = add_published(root, HomePage(title="CoopKB", slug="coopkb"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    Site.objects.exclude(root_page=home).delete()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()  # Wagtail's welcome page
    network = add_published(home, NetworkPage(title="Réseau", slug="reseau"))
    practices = add_published(home, PracticeIndexPage(title="Pratiques", slug="pratiques"))
    tools = add_published(home, ToolIndexPage(title="Outils", slug="outils"))
    return {"home": home, "network": network, "practices": practices, "tools": tools}


def make_region(network, title, slug):
    return add_published(network, RegionPage(title=title, slug=slug))


def make_cooperative(region, title, slug, city="Lyon", skills=(), **fields):
    page = CooperativePage(title=title, slug=slug, city=city, summary=f"{title} en bref.", **fields)
    page.skills = list(skills)
    return add_published(region, page)


def make_skill(name, slug):
    return Skill.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_user(username, role=None, cooperative=None, **fields):
    """A user with a profile: role is "member", "editor", "moderator" or None (no profile)."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **fields
    )
    if role is not None:
        MemberProfile.objects.create(user=user, role=role, cooperative=cooperative)
    return user
