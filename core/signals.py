"""Receivers of the shared core: the roles after migrate, who could read each published revision,
versions narrowed with a new restriction, editors' rights in new shared sections."""

from django.db.models.signals import m2m_changed, post_migrate, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from core import access
from core.roles import editors_section_types, ensure_roles, grant_editors_section

# Roles must exist on every install, not only with demo content. Permissions are created app by
# app after migrate, so roles are refreshed after each app's turn.
post_migrate.connect(ensure_roles, dispatch_uid="kb.ensure_roles")


@receiver(post_save)
def let_editors_add_in_new_sections(sender, instance, created, raw=False, **kwargs):
    if created and not raw and sender._meta.label in {model._meta.label for model in editors_section_types()}:
        grant_editors_section(instance)


@receiver(page_published)
def record_who_could_read_it(instance, revision=None, **kwargs):
    """Pages may align their own restrictions first (practices' `visibility`), then the published
    revision's audience is recorded for its older-version view."""
    sync = getattr(instance, "sync_view_restrictions", None)
    if sync is not None:
        sync()
    if revision is not None:
        access.record_published_audience(instance, revision)


@receiver(post_save, sender=PageViewRestriction)
def narrow_versions_on_restriction(instance, raw=False, **kwargs):
    # A group restriction has no groups yet when first saved: its groups' m2m signal follows.
    if not raw and instance.restriction_type != PageViewRestriction.GROUPS:
        access.narrow_live_versions(instance.page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def narrow_versions_on_restriction_groups(instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, PageViewRestriction):
        access.narrow_live_versions(instance.page)
