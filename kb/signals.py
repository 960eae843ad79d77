from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from kb.models import CooperativePage, MemberProfile
from kb.roles import (
    EDITORS_SECTION_MODELS,
    ensure_cooperative_editors_group,
    grant_editors_section,
    sync_member_groups,
)


@receiver(post_save, sender=CooperativePage)
def give_cooperative_its_editors_group(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_cooperative_editors_group(instance)


@receiver(post_save)
def let_editors_add_in_new_sections(sender, instance, created, raw=False, **kwargs):
    if created and not raw and sender._meta.label in EDITORS_SECTION_MODELS:
        grant_editors_section(instance)


@receiver(post_save, sender=MemberProfile)
def sync_groups_with_role(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_member_groups(instance)


# Sent by bulk importers that write pages without Page.save() (so without Wagtail's
# per-page signals): receivers such as the search index catch up with `page_ids` at once.
pages_bulk_imported = Signal()
