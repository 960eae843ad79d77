from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.site_plan import PlanSection
from kb.models import CooperativePage, MemberProfile, NetworkPage, RegionPage, Skill
from kb.sitemaps import NetworkSitemap


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "tag"
    menu_label = _("Compétences")
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    list_export = ["name", "slug", "description"]
    ordering = ["name"]


class MemberProfileViewSet(SnippetViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = _("Profils de membres")
    list_display = ["user", "cooperative", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    list_export = ["user", "cooperative", "role"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (SkillViewSet, MemberProfileViewSet)
    menu_icon = "group"
    menu_label = _("Réseau")
    menu_name = "network"


register_snippet(NetworkViewSetGroup)


# --- The network's part of the pages that gather every app (core.site_plan, core.sitemap_xml) ---------


@hooks.register("kb_site_plan_sections")
def network_plan_section():
    return [PlanSection("network", (NetworkPage, RegionPage, CooperativePage))]


@hooks.register("kb_sitemap_sections")
def network_sitemap_section():
    return {"reseau": NetworkSitemap}
