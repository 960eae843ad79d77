from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedAudience(models.Model):
    """Who could read a page's revision while it was live (core.access audience tokens).

    Recorded on publish and narrowed by any restriction added while it stays live, so an older
    version written under a restriction keeps it after the page is opened up.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="kb_audience", primary_key=True
    )
    audience = models.JSONField(_("lecteurs autorisés"), default=list)

    class Meta:
        verbose_name = _("lectorat d'une version publiée")
        verbose_name_plural = _("lectorats des versions publiées")

    def __str__(self):
        return f"{self.revision_id}: {', '.join(self.audience)}"
