"""The network's fixed skeleton for every app's tests, built with the apps' factories (<app>/factories.py)."""

from wagtail.models import Page, Site

from kb.factories import HomePageFactory, NetworkPageFactory
from practices.factories import PracticeIndexPageFactory
from tooling.factories import ToolIndexPageFactory

PASSWORD = "correct-horse-battery-staple"  # the tests' users: UserFactory(..., password=PASSWORD)


def build_site():
    """The fixed skeleton every site has: home, Pratiques, Outils, Réseau."""
    home = HomePageFactory(title="CoopKB", slug="coopkb")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    Site.objects.exclude(root_page=home).delete()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()  # Wagtail's welcome page
    network = NetworkPageFactory(parent=home)
    practices = PracticeIndexPageFactory(parent=home)
    tools = ToolIndexPageFactory(parent=home)
    return {"home": home, "network": network, "practices": practices, "tools": tools}
