from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from practices.models import Comment


class CommentViewSet(SnippetViewSet):
    """The moderation list: moderators hide or remove comments; the text itself stays read-only."""

    model = Comment
    icon = "comment"
    menu_label = _("Commentaires")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "page", "author", "status", "created"]
    list_filter = ["status", "run_feedback", "created"]
    search_fields = ["body", "author__username", "author__last_name"]
    list_export = ["page", "author", "body", "status", "created", "edited"]
    ordering = ["-created"]
    copy_view_enabled = False


register_snippet(CommentViewSet)
