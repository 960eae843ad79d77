from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Substr
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from core.access import readable_cooperative_ids, readable_pages
from core.authorship import COOPERATIVE, USER, AuthorshipPageForm
from core.events import cooperative_dependents
from core.months import add_months, months_later_before
from core.searchable import Searchable, SearchData
from core.still_valid import keep_confirmed_date
from tooling import referent_questions, review_submission, tool_details
from tooling.models.vocabulary import CRITERIA, Ring
from tooling.scoring import REVIEW_FIELDS, summarise


@dataclass(frozen=True)
class ToolSearchData:
    """What a tool's search document needs from other tables."""

    tags: list[str]
    category: str
    cooperatives: list[tuple[str, str, bool]]


class ToolTag(TaggedItemBase):
    content_object = ParentalKey("tooling.ToolPage", on_delete=models.CASCADE, related_name="tagged_items")


class ToolPage(RoutablePageMixin, Searchable, Page):
    """A tool of the catalogue: what it is, under which licence, who uses it, who to ask."""

    class LicenceKind(models.TextChoices):
        FREE = "free", _("Libre")
        PROPRIETARY = "proprietary", _("Propriétaire")
        UNKNOWN = "unknown", _("Non précisée")

    class Pricing(models.TextChoices):
        FREE = "free", _("Gratuit")
        FREEMIUM = "freemium", _("Gratuit avec options payantes")
        SUBSCRIPTION = "subscription", _("Abonnement")
        LICENCE = "licence", _("Licence payante")
        UNKNOWN = "unknown", _("Non précisé")

    website = models.URLField(_("site web"), max_length=300, blank=True)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    licence_spdx = models.CharField(
        _("licence (identifiant SPDX)"),
        max_length=100,
        blank=True,
        help_text=_("Par exemple AGPL-3.0-or-later."),
    )
    licence_kind = models.CharField(
        _("type de licence"), max_length=20, choices=LicenceKind.choices, default=LicenceKind.UNKNOWN
    )
    self_hostable = models.BooleanField(_("auto-hébergeable"), default=False)
    pricing = models.CharField(
        _("modèle de prix"), max_length=20, choices=Pricing.choices, default=Pricing.UNKNOWN
    )
    version = models.CharField(_("version"), max_length=100, blank=True)
    tags = ClusterTaggableManager(through=ToolTag, blank=True, verbose_name=_("étiquettes"))
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=150,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Identifiant de l'enregistrement importé (par exemple deb-nextcloud-desktop)."),
    )
    source_section = models.CharField(_("section d'origine"), max_length=50, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("licence_spdx"), FieldPanel("licence_kind")]),
                FieldRowPanel([FieldPanel("self_hostable"), FieldPanel("pricing")]),
                FieldPanel("version"),
                FieldPanel("external_id"),
            ],
            heading=_("Fiche"),
        ),
        FieldPanel("tags"),
        InlinePanel("alternative_links", heading=_("Alternatives"), label=_("alternative")),
        InlinePanel("usages", heading=_("Coopératives utilisatrices"), label=_("utilisation")),
        InlinePanel("referents", heading=_("Référents"), label=_("référent")),
    ]
    search_fields = [
        *Page.search_fields,
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("licence_kind"),
        index.FilterField("external_id"),
    ]
    parent_page_types = ["tooling.ToolCategoryPage"]
    subpage_types = ["tooling.ReviewPage"]

    class Meta:
        verbose_name = _("outil")
        verbose_name_plural = _("outils")

    def save(self, *args, **kwargs):
        self.external_id = self.external_id or None  # several hand-made tools may have none
        super().save(*args, **kwargs)

    def reviews(self):
        """Every review of this tool, live or not: callers keep what their reader may read."""
        return ReviewPage.objects.child_of(self)

    def alternatives(self):
        """The live tools listed as doing the same job: callers keep those their reader may read."""
        return ToolPage.objects.live().filter(listed_as_alternative__tool=self)

    # The page's own context is built here, not in get_context: the routes below render with
    # self.render(), which calls get_context, and show none of it.
    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides=tool_details.tool_context(request, self))

    @path("avis/nouveau/", name="write_review")
    def write_review(self, request):
        return review_submission.write_review(request, self)

    @path("referents/ecrire/", name="ask_referents")
    def ask_referents(self, request):
        return referent_questions.ask_referents(request, self)

    @classmethod
    def prefetch_search_data(cls, tools):
        """Tags, category and cooperatives of these tools in three queries, whatever their number
        (the search index builds documents for 21,000 imported tools at a time)."""
        by_pk = {tool.pk: tool for tool in tools}
        tags, users = defaultdict(list), defaultdict(set)
        tagged = ToolTag.objects.filter(content_object__in=by_pk)
        for pk, name in tagged.values_list("content_object", "tag__name"):
            tags[pk].append(name)
        usages = ToolUsage.objects.filter(tool__in=by_pk).values_list(
            "tool", "cooperative__title", "cooperative__path", "cooperative__live"
        )
        for pk, title, where, live in usages:
            users[pk].add((title, where, live))
        parents = {tool.path[: -tool.steplen] for tool in tools}
        categories = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
        for tool in tools:
            tool._search_relations = ToolSearchData(
                tags=tags[tool.pk],
                category=categories.get(tool.path[: -tool.steplen], ""),
                cooperatives=sorted(users[tool.pk]),  # (title, path, live): named only where readable
            )

    def search_data(self, audience, restrictions) -> SearchData:
        """The ring and rating come from the live reviews every reader of `audience` may read, and
        only the cooperatives they may all read are named."""
        # numchild spares 21,000 imported, unreviewed tools a path LIKE scan each at index time.
        reviews = (
            ReviewPage.objects.child_of(self).live().select_related("cooperative") if self.numchild else []
        )
        summary = summarise(
            [
                review
                for review in reviews
                if restrictions.shown_with(audience, review.path, review.live)
                and restrictions.shown_with(audience, review.cooperative.path, review.cooperative.live)
            ]
        )
        if not hasattr(self, "_search_relations"):
            self.prefetch_search_data([self])
        related = self._search_relations
        cooperatives = [
            title
            for title, path, live in related.cooperatives
            if restrictions.shown_with(audience, path, live)
        ]
        return SearchData(
            kind="tool",
            title=self.title,
            summary=self.summary,
            body=self.description,
            tags=related.tags,
            category=related.category,
            cooperatives=cooperatives,
            ring=summary.ring or "",
            score=summary.overall,
            external_id=self.external_id or "",
            section=self.source_section,
            date=self.last_published_at or self.latest_revision_created_at or timezone.now(),
        )


class ToolUsage(Orderable):
    """A cooperative's declared relationship to a tool (Comptoir du Libre style)."""

    class Relationship(models.TextChoices):
        USER = "user", _("Utilisatrice")
        INTEGRATOR = "integrator", _("Intégratrice")
        CONTRIBUTOR = "contributor", _("Contributrice")
        PROVIDER = "provider", _("Prestataire de services")

    tool = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="usages")
    cooperative = models.ForeignKey(
        "kb.CooperativePage",
        on_delete=models.CASCADE,
        related_name="tool_usages",
        verbose_name=_("coopérative"),
    )
    relationship = models.CharField(
        _("relation"), max_length=20, choices=Relationship.choices, default=Relationship.USER
    )

    panels = [FieldPanel("cooperative"), FieldPanel("relationship")]

    class Meta(Orderable.Meta):
        verbose_name = _("utilisation")
        verbose_name_plural = _("utilisations")
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "cooperative", "relationship"], name="tooling_usage_unique_relationship"
            )
        ]


class ToolAlternative(Orderable):
    """Another tool for the same job: a page chooser scales, a select of 21,000 tools would not."""

    tool = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="alternative_links")
    alternative = models.ForeignKey(
        ToolPage,
        on_delete=models.CASCADE,
        related_name="listed_as_alternative",
        verbose_name=_("outil alternatif"),
    )

    panels = [FieldPanel("alternative")]

    class Meta(Orderable.Meta):
        verbose_name = _("alternative")
        verbose_name_plural = _("alternatives")


class ToolReferent(Orderable):
    """A member willing to be asked about the tool (SILL style); their e-mail shows to members only."""

    tool = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="referents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("membre")
    )
    cooperative = models.ForeignKey(
        "kb.CooperativePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coopérative"),
    )

    panels = [FieldPanel("user"), FieldPanel("cooperative")]

    class Meta(Orderable.Meta):
        verbose_name = _("référent")
        verbose_name_plural = _("référents")


def score_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class ReviewPageForm(AuthorshipPageForm):
    authorship_fields = {"cooperative": COOPERATIVE, "author": USER}


class ReviewPage(Searchable, Page):
    """A cooperative's structured review of a tool; a newer review of theirs supersedes this one."""

    cooperative = models.ForeignKey(
        "kb.CooperativePage",
        on_delete=models.PROTECT,
        related_name="tool_reviews",
        verbose_name=_("coopérative"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tool_reviews",
        verbose_name=_("auteur ou autrice"),
    )
    review_date = models.DateField(_("date de l'avis"), default=timezone.localdate)
    use_case = models.CharField(_("cas d'usage"), max_length=300)
    team_size = models.PositiveIntegerField(_("taille de l'équipe"), null=True, blank=True)
    score_features = score_field(_("fonctionnalités"))
    score_usability = score_field(_("facilité d'usage"))
    score_operations = score_field(_("administration et hébergement"))
    score_maturity = score_field(_("maturité et communauté"))
    score_openness = score_field(_("ouverture et souveraineté"))
    score_cost = score_field(_("coût"))
    ring = models.CharField(_("anneau"), max_length=10, choices=Ring.choices)
    pros = models.TextField(_("points forts"))
    cons = models.TextField(_("points faibles"))
    recommendation = models.TextField(_("recommandation"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cooperative"), FieldPanel("author")]),
                FieldRowPanel([FieldPanel("review_date"), FieldPanel("team_size")]),
                FieldPanel("use_case"),
            ],
            heading=_("Contexte"),
        ),
        MultiFieldPanel([FieldPanel(name) for name, _label in CRITERIA], heading=_("Notes de 1 à 5")),
        FieldPanel("ring"),
        FieldPanel("pros"),
        FieldPanel("cons"),
        FieldPanel("recommendation"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("use_case"),
        index.SearchField("pros"),
        index.SearchField("cons"),
        index.SearchField("recommendation"),
        index.RelatedFields("cooperative", [index.SearchField("title")]),
        index.FilterField("ring"),
        index.FilterField("review_date"),
    ]
    parent_page_types = ["tooling.ToolPage"]
    subpage_types = []
    base_form_class = ReviewPageForm  # editors write as themselves and their own cooperative

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = pgettext_lazy("pluriel", "avis")

    # « Toujours valable » (core.still_valid): the cooperative says its review still holds.
    reviewed_field = "review_date"

    @property
    def review_due(self):
        return add_months(self.review_date, settings.KB_REVIEW_MAX_AGE_MONTHS)

    @property
    def needs_review(self):
        return self.review_due < timezone.localdate()

    @staticmethod
    def overdue(today):
        """`needs_review` in the database, for a queryset of reviews."""
        return months_later_before(F("review_date"), Value(settings.KB_REVIEW_MAX_AGE_MONTHS), today)

    @classmethod
    def visible_below(cls, request, scope):
        """The live reviews below `scope` the reader may see, with just the columns aggregates need.
        A review names its cooperative: it counts only where that cooperative may be read too."""
        reviews = cls.objects.live().descendant_of(scope)
        reviews = reviews.filter(cooperative__in=readable_cooperative_ids(request))
        return readable_pages(request, reviews).only(*REVIEW_FIELDS)

    @classmethod
    def superseded(cls):
        """Reviews with a newer live review of the same cooperative on the same tool: those are
        history, never to be re-read or re-dated (a newer one already says what the cooperative thinks)."""
        siblings = Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * cls.steplen)
        newer = cls.objects.live().filter(
            cooperative=OuterRef("cooperative"),
            depth=OuterRef("depth"),
            path__startswith=siblings,
            review_date__gt=OuterRef("review_date"),
        )
        return Exists(newer)

    def with_content_json(self, content):
        """A version written before a « Toujours valable » keeps the date it set."""
        return keep_confirmed_date(self, super().with_content_json(content))

    @property
    def scores(self):
        return {name: getattr(self, name) for name, _label in CRITERIA}

    @property
    def score_rows(self):
        return [(label, getattr(self, name)) for name, label in CRITERIA]

    @property
    def average(self):
        return sum(self.scores.values()) / len(CRITERIA)

    def serve(self, request, *args, **kwargs):
        # A review names its cooperative (title, byline): it shows only where that cooperative may be read.
        if self.cooperative_id not in readable_cooperative_ids(request):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def search_dependents(self):
        """The tool's document carries this review's ring and rating: it follows the review."""
        return [self.get_parent().pk]

    def search_data(self, audience, restrictions) -> SearchData | None:
        """None, so not indexed, while readers of `audience` may not all read its cooperative (its
        title names it)."""
        tool = self.get_parent().specific
        cooperative = self.cooperative
        if not restrictions.shown_with(audience, cooperative.path, cooperative.live):
            return None
        return SearchData(
            kind="review",
            title=self.title,
            summary=self.recommendation,
            body="\n\n".join([self.use_case, self.pros, self.cons]),
            tags=[tag.name for tag in tool.tags.all()],
            category=tool.get_parent().title,
            region=cooperative.region.title,
            cooperatives=[cooperative.title],
            ring=self.ring,
            score=round(self.average, 2),
            date=self.last_published_at or self.latest_revision_created_at or timezone.now(),
        )


@receiver(cooperative_dependents)
def tools_and_reviews_naming(cooperative, **kwargs):
    tools = ToolUsage.objects.filter(cooperative=cooperative).values_list("tool_id", flat=True)
    reviews = ReviewPage.objects.filter(cooperative=cooperative).values_list("pk", flat=True)
    return sorted({*tools, *reviews})
