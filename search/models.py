from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What the search index knows of one live, searchable page (see briefs' search contract).

    The database engines query this table (through their full-text side tables); other engines
    mirror it. `audience` holds the tokens a reader needs one of (see engines.base.Reader).
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    kind = models.CharField(_("type"), max_length=20, db_index=True)
    title = models.CharField(_("titre"), max_length=255)
    summary = models.TextField(_("résumé"), blank=True)
    body = models.TextField(_("texte"), blank=True)
    comments = models.TextField(_("commentaires"), blank=True)
    tags = models.JSONField(_("mots-clés"), default=list, blank=True)
    category = models.CharField(_("catégorie"), max_length=255, blank=True)
    region = models.CharField(_("région"), max_length=255, blank=True)
    cooperatives = models.JSONField(_("coopératives"), default=list, blank=True)
    ring = models.CharField(_("anneau"), max_length=10, blank=True)
    score = models.FloatField(_("note"), null=True, blank=True)
    external_id = models.CharField(_("identifiant externe"), max_length=255, blank=True, db_index=True)
    date = models.DateTimeField(_("date"), null=True, blank=True, db_index=True)
    url = models.CharField(_("adresse"), max_length=2048)
    # Tokens "public", "login" or "group:<id>": a reader holding any one of them may read it.
    audience = models.JSONField(_("public autorisé"), default=list)
    # Demotion for near-duplicate packages (-doc, -dev, lib…): 1.0 = normal, lower = buried.
    boost = models.FloatField(_("pondération"), default=1.0)
    indexed_at = models.DateTimeField(_("indexé le"), auto_now=True)

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return "public" in self.audience
