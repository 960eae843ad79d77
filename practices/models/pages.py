from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.rich_text import INTRO_FEATURES
from practices.listing import practice_list_context


class PracticeIndexPage(Page):
    """Pratiques: the shared work procedures and quality-control checklists."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["practices.PracticeCategoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des pratiques")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = (
            PracticeCategoryPage.objects.child_of(self).exact_type(PracticeCategoryPage).live().public()
        ).order_by("title")
        context["categories"] = categories
        context.update(practice_list_context(request, self, categories=categories))
        return context


class PracticeCategoryPage(Page):
    """A theme of practices (développement, infrastructure, qualité…)."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.ProcedurePage", "practices.ChecklistPage"]

    class Meta:
        verbose_name = _("catégorie de pratiques")
        verbose_name_plural = _("catégories de pratiques")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(practice_list_context(request, self))
        return context
