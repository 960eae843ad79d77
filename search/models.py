from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What the search index knows of one live, searchable page: its `search_data()` and what the
    indexer adds (search/engines/README.md, « The search contract »).

    The database engines query this table (through their full-text side tables); other engines
    mirror it. `audience` holds the tokens a reader needs one of (core.access.Reader).
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
    # Passage embeddings of the semantic side (search/semantic.py): float16 rows of 512 dimensions;
    # None when the model was off when the document was saved.
    vector = models.BinaryField(_("vecteurs sémantiques"), null=True, blank=True, editable=False)
    indexed_at = models.DateTimeField(_("indexé le"), auto_now=True)
    # IndexState.version of the index change that last wrote this row (see engines/metadata.py).
    revision = models.BigIntegerField(_("révision"), default=0, db_index=True, editable=False)

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")

    def __str__(self):
        return self.title


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to readers (« RGPD » ↔ « protection des données
    personnelles »): a search for any of them also finds the others. Curated by moderators."""

    terms = models.TextField(
        _("termes équivalents"),
        help_text=_("Un terme ou une expression par ligne, par exemple un sigle et sa forme longue."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("groupe de synonymes")
        verbose_name_plural = _("groupes de synonymes")

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self):
        return [line.strip() for line in self.terms.replace(",", "\n").splitlines() if line.strip()]


class SearchLog(models.Model):
    """How often a query (normalised) was searched on one day, with no user or address: one row per
    query and day, whatever the traffic. Feeds the admin report."""

    query = models.CharField(_("recherche"), max_length=200)
    day = models.DateField(_("jour"), default=timezone.localdate, db_index=True)
    searches = models.PositiveIntegerField(_("nombre de recherches"), default=1)
    result_count = models.PositiveIntegerField(_("nombre de résultats"))  # at the day's last search
    engine = models.CharField(_("moteur"), max_length=20)

    class Meta:
        ordering = ["-day", "query"]
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="kbsearch_searchlog_query_day")]
        verbose_name = _("recherche effectuée")
        verbose_name_plural = _("recherches effectuées")

    def __str__(self):
        return self.query


class SearchTerm(models.Model):
    """Vocabulary of the indexed text (folded words) for typo correction and "did you mean"."""

    word = models.CharField(max_length=100, primary_key=True)
    stem = models.CharField(max_length=100, db_index=True)
    display = models.CharField(max_length=100)  # the word as first written (accents kept)
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("terme indexé")
        verbose_name_plural = _("termes indexés")

    def __str__(self):
        return self.display


class IndexState(models.Model):
    """A counter bumped by every index change: lets each process know its caches are stale."""

    version = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.version)


class PostgresIndexEntry(models.Model):
    """One row of the PostgreSQL engine's full-text table, for its queries through
    django.contrib.postgres.search. The table, its GIN indexes and the `kb_french` configuration
    are PostgreSQL-only (migrations 0005 and 0010), hence unmanaged; rows are written in SQL by
    engines.postgres, which builds the vectors server-side."""

    page_id = models.BigIntegerField(primary_key=True)
    # Weighted title A, summary B, body C, comments D in `kb_french`.
    vector = SearchVectorField()
    # The title's folded words in the 'simple' configuration, for prefix autocomplete.
    words = SearchVectorField()

    class Meta:
        managed = False
        db_table = "kbsearch_pgindex"

    def __str__(self):
        return str(self.page_id)
