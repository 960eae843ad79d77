from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class PracticeIndexPage(Page):
    """Pratiques: the shared work procedures and quality-control checklists."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("index des pratiques")
