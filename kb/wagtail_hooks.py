from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb import access
from kb.models import MemberProfile, Skill
from kb.views import refuse_file


@hooks.register("before_serve_page", order=-10)
def mark_restricted_pages(page, request, serve_args, serve_kwargs):
    # Runs before Wagtail's own view-restriction check, so even its login redirect is marked.
    if page.get_view_restrictions():
        request.kb_restricted = True


@hooks.register("before_serve_document", order=-10)
def serve_documents_to_their_readers(document, request):
    # Runs before Wagtail's own collection check, which only knows collections (and sends signed-in
    # readers outside the group to the login page): kb.access also weighs the pages linking here.
    return refuse_file(request, access.media_audience(document), password_form=True)


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
