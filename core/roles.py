"""The network's roles as Django groups with Wagtail permissions.

- Membres: read members-only content (view restrictions name this group), comment, propose reviews.
- Éditeurs: reach the admin; each cooperative has its own editors group with page permissions
  on that cooperative only, so an editor of A cannot edit B. Publishing goes through moderation.
- Modérateurs: approve in the moderation workflow, publish anywhere, manage the vocabulary
  and member profiles.

Documents and images live in two collections made here too: « Documents des membres » (restricted
to Membres, where uploads go by default) and « Documents publics » (see core.access.collection_audience).

The apps add to the roles through two Wagtail hooks, registered in their wagtail_hooks.py; functions
registered under them take no argument:
- "kb_role_permissions" returns {role name: ["app_label.codename", …]}, the permissions the app's
  admin needs a role to have (moderators handle comments, watch duties, synonyms…);
- "kb_editors_section_page_types" returns page models under which any editor may create pages (the
  shared sections: a practice category, the tool index).
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail import hooks
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Page,
)

MEMBERS = "Membres"
EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"

# Collections of documents and images, under Wagtail's root collection.
MEMBERS_COLLECTION = "Documents des membres"
PUBLIC_COLLECTION = "Documents publics"

# Wagtail's first migration creates English "Editors" and "Moderators" groups (and the
# moderation workflow points at "Moderators"): we adopt them under French names.
WAGTAIL_DEFAULT_NAMES = {EDITORS: "Editors", MODERATORS: "Moderators"}

EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
MODERATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "kb.add_skill",
    "kb.change_skill",
    "kb.delete_skill",
    "kb.add_memberprofile",
    "kb.change_memberprofile",
    "kb.view_memberprofile",
    # Release login lockouts (Rapports → Connexions bloquées, core/lockout.py).
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
]
COOPERATIVE_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# Shared sections where any editor may create pages. Wagtail's "add" permission also lets them
# edit the pages they own there (and only those); publishing still goes through moderation.
# Under Outils that covers tools and reviews written in the admin.
EDITORS_SECTION_PAGE_PERMISSIONS = ["add_page"]


def app_permissions(role):
    """The permissions the apps give a role ("kb_role_permissions")."""
    return [name for hook in hooks.get_hooks("kb_role_permissions") for name in hook().get(role, [])]


def editors_section_types():
    """The page models under which every editor may create pages ("kb_editors_section_page_types")."""
    return [model for hook in hooks.get_hooks("kb_editors_section_page_types") for model in hook()]


def _permissions(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    # post_migrate reaches kb before later apps have their permissions: create them first.
    for label in {app for app, _ in wanted}:
        create_permissions(apps.get_app_config(label), verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}
    ).select_related("content_type")
    return [p for p in permissions if (p.content_type.app_label, p.codename) in wanted]


def _group(name):
    group = Group.objects.filter(name=name).first()
    if group is None and name in WAGTAIL_DEFAULT_NAMES:
        group = Group.objects.filter(name=WAGTAIL_DEFAULT_NAMES[name]).first()
        if group is not None:
            group.name = name
            group.save(update_fields=["name"])
    return group or Group.objects.create(name=name)


def page_permissions(codenames):
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


@transaction.atomic
def ensure_roles(**kwargs):
    """Create or update the three role groups; safe to run any number of times."""
    members = _group(MEMBERS)
    members.permissions.set(_permissions(app_permissions(MEMBERS)))

    editors = _group(EDITORS)
    editors.permissions.set(_permissions(EDITOR_PERMISSIONS + app_permissions(EDITORS)))
    # Editors get page rights through their cooperative's group, plus "add" in shared sections.
    sections = _section_pages()
    GroupPagePermission.objects.filter(group=editors).exclude(page__in=sections).delete()
    for page in sections:
        grant_editors_section(page)

    moderators = _group(MODERATORS)
    moderators.permissions.set(_permissions(MODERATOR_PERMISSIONS + app_permissions(MODERATORS)))
    root = Page.get_first_root_node()
    if root is not None:
        for permission in page_permissions(MODERATOR_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=moderators, page=root, permission=permission)

    ensure_collections(members)


def ensure_collections(members):
    """The members-only collection (restricted to Membres) and the public one, under the root."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    private = members_collection()
    if private is None:
        private = root.add_child(instance=Collection(name=MEMBERS_COLLECTION))
    restriction = CollectionViewRestriction.objects.filter(
        collection=private, restriction_type=BaseViewRestriction.GROUPS
    ).first() or CollectionViewRestriction.objects.create(
        collection=private, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.add(members)
    if not root.get_children().filter(name=PUBLIC_COLLECTION).exists():
        root.add_child(instance=Collection(name=PUBLIC_COLLECTION))


def members_collection():
    """« Documents des membres », where new documents and images go unless the uploader chooses."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=MEMBERS_COLLECTION).first() if root is not None else None


def _section_pages():
    return list(Page.objects.type(*editors_section_types()))


def grant_editors_section(page):
    """Let every editor create pages under `page` (and edit the ones they own)."""
    editors = _group(EDITORS)
    for permission in page_permissions(EDITORS_SECTION_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=editors, page=page, permission=permission)


def ensure_cooperative_editors_group(cooperative):
    """Give a cooperative its own editors group, with page rights on its page only."""
    group = cooperative.editors_group
    if group is None:
        name = f"{EDITORS} · {cooperative.title}"[:150]
        group, _ = Group.objects.get_or_create(name=name)
        type(cooperative).objects.filter(pk=cooperative.pk).update(editors_group=group)
        cooperative.editors_group = group
    for permission in page_permissions(COOPERATIVE_EDITOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page_id=cooperative.pk, permission=permission)
    return group


def sync_member_groups(profile):
    """Put a user in the groups their profile's role and cooperative call for (a kb.MemberProfile)."""
    user = profile.user
    role = profile.role
    wanted = {_group(MEMBERS)}
    if role in (profile.Role.EDITOR, profile.Role.MODERATOR):
        wanted.add(_group(EDITORS))
        if profile.cooperative_id:
            wanted.add(ensure_cooperative_editors_group(profile.cooperative))
    if role == profile.Role.MODERATOR:
        wanted.add(_group(MODERATORS))

    managed = set(Group.objects.filter(name__in=[MEMBERS, EDITORS, MODERATORS]))
    managed |= set(Group.objects.filter(edited_cooperative__isnull=False))
    user.groups.remove(*(managed - wanted))
    user.groups.add(*wanted)
