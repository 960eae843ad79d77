from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class Skill(index.Indexed, models.Model):
    """A skill of the shared, curated vocabulary (managed by moderators)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True, allow_unicode=False)
    description = models.CharField(_("description"), max_length=255, blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")

    def __str__(self):
        return self.name
