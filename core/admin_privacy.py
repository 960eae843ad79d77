"""What the admin names to editors: never a page restricted to groups they are not in.

Every admin listing of pages goes through `core.access.unrestricted_for` with `core.access.admin_reader`
(moderators and superusers see everything; an editor sees the restricted pages of their groups).
Where each listing takes its pages, and how it is reached here, with Wagtail's supported extension points:

- The pages a user may explore (explorer, page search, admin API listing and detail, site history)
  and the pages a user holds a permission on (workflow reports, aging and locked pages): Wagtail
  asks its page permission policy, registered for Page with `register_permission_policy`. Ours
  narrows those two listings; the permission checks themselves (may edit, may publish) are Wagtail's.
- The explorer and the admin API's explorer listing: `construct_explorer_page_queryset`.
- Page choosers and their search: `construct_page_chooser_queryset`.
- Dashboard panels (pages in moderation, awaiting moderation, recent edits, locked pages):
  `construct_homepage_panels`, which replaces Wagtail's panels with the subclasses below.
- The page types usage report names each type's last edited page from every page, with no hook
  and no policy call: coopkb.urls serves the subclass below at its URL, ahead of Wagtail's admin URLs.
"""

from wagtail.admin.views import home
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.access import admin_reader, unrestricted_for


def shown_in_admin(user, pages):
    """The pages of a queryset the admin may name to this user."""
    return unrestricted_for(admin_reader(user), pages)


def shown_ids(user, ids) -> set[int]:
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    return set(shown_in_admin(user, Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


class ReaderPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, with the listings it builds from them narrowed to what the user may see."""

    def instances_user_has_any_permission_for(self, user, actions):
        return shown_in_admin(user, super().instances_user_has_any_permission_for(user, actions))

    def explorable_instances(self, user):
        return shown_in_admin(user, super().explorable_instances(user))


# --- dashboard -----------------------------------------------------------------------------------


def _page_ids(objects):
    return [obj.pk for obj in objects if isinstance(obj, Page)]


def _kept(user, items, object_of):
    """The items whose object (a page or a snippet) the admin may name: snippets are not pages."""
    objects = [object_of(item) for item in items]
    ids = shown_ids(user, _page_ids(objects))
    return [
        item for item, obj in zip(items, objects, strict=True) if not isinstance(obj, Page) or obj.pk in ids
    ]


class UserObjectsInWorkflowModerationPanel(home.UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        states = list(context["workflow_states"])
        context["workflow_states"] = _kept(user, states, lambda state: state.content_object)
        return context


class WorkflowObjectsToModeratePanel(home.WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = _kept(user, context["states"], lambda state: state["obj"])
        return context


class RecentEditsPanel(home.RecentEditsPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        edits = context["last_edits"]
        shown = shown_ids(parent_context["request"].user, [page.pk for _date, page in edits])
        context["last_edits"] = [(date, page) for date, page in edits if page.pk in shown]
        return context


class LockedPagesPanel(home.LockedPagesPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["locked_pages"] = shown_in_admin(parent_context["request"].user, context["locked_pages"])
        return context


DASHBOARD_PANELS = {
    home.UserObjectsInWorkflowModerationPanel: UserObjectsInWorkflowModerationPanel,
    home.WorkflowObjectsToModeratePanel: WorkflowObjectsToModeratePanel,
    home.RecentEditsPanel: RecentEditsPanel,
    home.LockedPagesPanel: LockedPagesPanel,
}


def narrow_dashboard_panels(panels):
    """Replace Wagtail's page panels, in place, with the ones above."""
    for index, panel in enumerate(panels):
        narrower = DASHBOARD_PANELS.get(type(panel))
        if narrower is not None:
            panels[index] = narrower()


# --- reports -------------------------------------------------------------------------------------


class ShownPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts stay; a type's last edited page is named only when the user may see it."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = shown_ids(self.request.user, [item.last_edited_page_id for item in page_types])
        for item in page_types:
            if item.last_edited_page_id not in shown:
                item.last_edited_page = None
        return page_types
