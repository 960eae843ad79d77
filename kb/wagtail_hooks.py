from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.models import MemberProfile, Skill


@hooks.register("before_serve_page", order=-10)
def mark_restricted_pages(page, request, serve_args, serve_kwargs):
    # Runs before Wagtail's own view-restriction check, so even its login redirect is marked.
    if page.get_view_restrictions():
        request.kb_restricted = True


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


@hooks.register("register_admin_urls")
def register_lockout_urls():
    from kb.lockout import lockouts_report, release_lockout

    return [
        path("reports/login-lockouts/", lockouts_report, name="kb_lockouts"),
        path("reports/login-lockouts/release/", release_lockout, name="kb_lockouts_release"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        from kb.lockout import RELEASE_PERMISSION

        return request.user.has_perm(RELEASE_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        _("Connexions bloquées"), reverse("kb_lockouts"), name="login-lockouts", icon_name="lock"
    )
