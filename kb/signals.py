from django.db.models.signals import post_save
from django.dispatch import receiver

from core.roles import ensure_cooperative_editors_group, sync_member_groups
from kb.models import CooperativePage, MemberProfile


@receiver(post_save, sender=CooperativePage)
def give_cooperative_its_editors_group(instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_cooperative_editors_group(instance)


@receiver(post_save, sender=MemberProfile)
def sync_groups_with_role(instance, raw=False, **kwargs):
    if not raw:
        sync_member_groups(instance)
