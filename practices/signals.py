from django.dispatch import receiver

from wagtail.signals import page_published

from practices.models import ChecklistPage, ProcedurePage
from practices.visibility import apply_visibility


@receiver(page_published, sender=ProcedurePage)
@receiver(page_published, sender=ChecklistPage)
def restrict_members_only_practice(sender, instance, **kwargs):
    apply_visibility(instance)
