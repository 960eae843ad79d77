from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from kb.roles import grant_editors_section
from practices.models import ChecklistPage, PracticeCategoryPage, ProcedurePage
from practices.visibility import apply_visibility


@receiver(page_published, sender=ProcedurePage)
@receiver(page_published, sender=ChecklistPage)
def restrict_members_only_practice(sender, instance, **kwargs):
    apply_visibility(instance)


@receiver(post_save, sender=PracticeCategoryPage)
def let_editors_add_practices(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_editors_section(instance)
