"""Admin hooks of the shared core: the admin lists only what the editor may read, restricted pages and
documents are served to their readers, the login lockouts report, « Toujours valable »."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core import access
from core.admin_privacy import ReaderPagePermissionPolicy, narrow_dashboard_panels, shown_in_admin
from core.lockout import RELEASE_PERMISSION, lockouts_report, release_lockout
from core.still_valid import LOG_ACTION as STILL_VALID
from core.still_valid import confirmable
from core.still_valid_views import in_admin
from core.views import refuse_file

# Before anything asks Wagtail for the page policy: the admin lists only pages the user may see.
register_permission_policy(Page, ReaderPagePermissionPolicy(Page))


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_what_the_editor_may_see(_parent_page, pages, request):
    return shown_in_admin(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_what_the_editor_may_see(pages, request):
    return shown_in_admin(request.user, pages)


@hooks.register("construct_homepage_panels")
def dashboard_shows_what_the_editor_may_see(_request, panels):
    narrow_dashboard_panels(panels)


@hooks.register("before_serve_page", order=-10)
def mark_restricted_pages(page, request, _serve_args, _serve_kwargs):
    # Runs before Wagtail's own view-restriction check, so even its login redirect is marked.
    if page.get_view_restrictions():
        request.kb_restricted = True


@hooks.register("before_serve_document", order=-10)
def serve_documents_to_their_readers(document, request):
    # Runs before Wagtail's own collection check, which only knows collections (and sends signed-in
    # readers outside the group to the login page): core.access also weighs the pages linking here.
    return refuse_file(request, access.media_audience(document), password_form=True)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("reports/login-lockouts/", lockouts_report, name="kb_lockouts"),
        path("reports/login-lockouts/release/", release_lockout, name="kb_lockouts_release"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(RELEASE_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        _("Connexions bloquées"), reverse("kb_lockouts"), name="login-lockouts", icon_name="lock"
    )


# --- « Toujours valable » (core/still_valid.py) ------------------------------------------------------


class StillValidButton(PageMenuItem):
    """Shown to who may edit the page; the view asks the whole rule (core.still_valid.refusal)."""

    label = _("Toujours valable")
    icon_name = "tick"
    url_name = "kb_still_valid"

    def is_shown(self, user):
        page = self.page
        return confirmable(page.specific_class) and page.live and page.permissions_for_user(user).can_edit()


@hooks.register("register_admin_urls")
def register_still_valid_url():
    return [path("pages/<int:page_id>/toujours-valable/", in_admin, name="kb_still_valid")]


@hooks.register("register_page_header_buttons")
def still_valid_header_button(page, next_url=None, **kwargs):  # user and view_name: unused
    yield StillValidButton(page=page, next_url=next_url, priority=66)


@hooks.register("register_page_listing_more_buttons")
def still_valid_listing_button(page, next_url=None, **kwargs):
    yield StillValidButton(page=page, next_url=next_url, priority=55)


@hooks.register("register_log_actions")
def register_still_valid_log_action(actions):
    @actions.register_action(STILL_VALID)
    class StillValidLog(LogFormatter):
        label = _("Toujours valable")

        def format_message(self, log_entry):
            previous = log_entry.data.get("previous")
            if previous:
                return _("Déclarée toujours valable (relecture précédente : %(date)s)") % {"date": previous}
            return _("Déclarée toujours valable (première relecture)")
