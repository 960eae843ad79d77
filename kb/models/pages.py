from collections import defaultdict

from django import forms
from django.contrib.auth.models import Group
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from core.access import readable_cooperative_ids, readable_pages
from core.events import cooperative_dependents
from core.page_types import pages_of
from core.rich_text import INTRO_FEATURES
from core.searchable import Searchable, SearchData
from kb.activity import activity_page, latest_events
from kb.directory import CooperativeFilterForm
from kb.home import PAGE_FIELDS, home_sections, member_desk


class ActivityRoutesMixin(RoutablePageMixin):
    """« Toute l'activité »: every event of the page's « Quoi de neuf » list, page by page (kb.activity)."""

    activity_scope = "site"  # whose publishes it lists: the site's, a region's, a cooperative's (kb.activity)

    @path("quoi-de-neuf/", name="activity")
    def activity(self, request):
        return activity_page(request, self)

    def activity_context(self, request):
        return latest_events(request, self)

    def activity_cooperatives(self, _request):
        """The ids of the cooperatives whose content the activity lists: None for the whole site."""
        return None

    def serve(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Its activity (and on the home, the member's duties) may list members-only content:
            # never cached (core.middleware.PrivateContentMiddleware).
            request.kb_restricted = True
        return super().serve(request, *args, **kwargs)


class HomePage(ActivityRoutesMixin, Page):
    """The single entry point: search, what's new, the network, and a member's duties (kb.home)."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["kb.NetworkPage", "practices.PracticeIndexPage", "tooling.ToolIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(request))
        context["regions"] = self.regions_with_cooperatives(request)
        context["desk"] = member_desk(request)
        context.update(self.activity_context(request))
        return context

    def regions_with_cooperatives(self, request):
        """[(region, its readable cooperatives by title)], regions by title: two queries."""
        regions = readable_pages(request, pages_of(RegionPage).descendant_of(self)).only(*PAGE_FIELDS)
        cooperatives = readable_pages(request, pages_of(CooperativePage).descendant_of(self))
        by_region = defaultdict(list)
        for cooperative in cooperatives.only(*PAGE_FIELDS, "city").order_by("title"):
            by_region[cooperative.path[: -Page.steplen]].append(cooperative)
        return [(region, by_region[region.path]) for region in regions.order_by("title")]


class NetworkPage(Page):
    """Réseau: the national level, with the directory of every cooperative."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["kb.HomePage"]
    subpage_types = ["kb.RegionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("réseau")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = self.get_children().live().public().specific().order_by("title")
        context.update(directory_context(request, CooperativePage.objects.descendant_of(self)))
        return context


class RegionPage(ActivityRoutesMixin, Page):
    """A region of the network: the practical, close level."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["kb.NetworkPage"]
    subpage_types = ["kb.CooperativePage"]
    activity_scope = "region"

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request, CooperativePage.objects.child_of(self), region=self))
        context.update(self.activity_context(request))
        return context

    def activity_cooperatives(self, request):
        """Its cooperatives this reader may read."""
        readable = readable_cooperative_ids(request)
        children = pages_of(CooperativePage).child_of(self).values_list("pk", flat=True)
        return [pk for pk in children if pk in readable]


def directory_context(request, cooperatives, region=None):
    """Filter cooperatives by skill and region from the query string ("who can do X near me"); on a
    region's page the region is already chosen."""
    regions = None if region else RegionPage.objects.live().public().order_by("title")
    form = CooperativeFilterForm(request.GET or None, regions=regions)
    cooperatives = cooperatives.live().public().prefetch_related("skills").order_by("title")
    if form.is_valid():
        cooperatives = form.filter(cooperatives)
    return {"filter_form": form, "cooperatives": cooperatives}


class CooperativePage(ActivityRoutesMixin, Searchable, Page):
    """A member cooperative: who they are, where, and what they can do."""

    class LegalForm(models.TextChoices):
        SCOP_SARL = "scop-sarl", _("SCOP SARL")
        SCOP_SA = "scop-sa", _("SCOP SA")
        SCOP_SAS = "scop-sas", _("SCOP SAS")
        SCIC = "scic", _("SCIC")
        CAE = "cae", _("Coopérative d'activité et d'emploi (CAE)")

    legal_form = models.CharField(
        _("forme juridique"), max_length=20, choices=LegalForm.choices, default=LegalForm.SCOP_SARL
    )
    city = models.CharField(_("ville"), max_length=100)
    website = models.URLField(_("site web"), blank=True)
    contact_email = models.EmailField(_("e-mail de contact public"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact public"), max_length=30, blank=True)
    summary = models.CharField(
        _("présentation courte"),
        max_length=300,
        help_text=_("Une ou deux phrases, reprises dans l'annuaire et les résultats de recherche."),
    )
    presentation = RichTextField(_("présentation"), blank=True, features=INTRO_FEATURES)
    skills = ParentalManyToManyField(
        "kb.Skill", blank=True, related_name="cooperatives", verbose_name=_("compétences")
    )
    is_example = models.BooleanField(
        _("coopérative fictive (exemple)"),
        default=False,
        help_text=_("Coopérative inventée pour la démonstration : ses informations sont fictives."),
    )
    editors_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="edited_cooperative",
        verbose_name=_("groupe des éditeurs"),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("legal_form"), FieldPanel("city"), FieldPanel("is_example")],
            heading=_("Identité"),
        ),
        FieldPanel("summary"),
        FieldPanel("presentation"),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact public"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("presentation"),
        index.SearchField("city"),
        index.RelatedFields("skills", [index.SearchField("name")]),
        index.FilterField("legal_form"),
    ]
    parent_page_types = ["kb.RegionPage"]
    subpage_types = []
    activity_scope = "cooperative"

    class Meta:
        verbose_name = _("coopérative")
        verbose_name_plural = _("coopératives")

    @cached_property
    def region(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.activity_context(request))
        return context

    def activity_cooperatives(self, _request):
        return [self.pk]

    def search_dependents(self):
        """Pages whose documents name this cooperative: they follow its publication and privacy."""
        return [
            pk for _receiver, ids in cooperative_dependents.send(type(self), cooperative=self) for pk in ids
        ]

    def search_data(self, _audience, _restrictions) -> SearchData:
        """A cooperative's document names only itself and its region: the same for every audience."""
        return SearchData(
            kind="cooperative",
            title=self.title,
            summary=self.summary,
            body=" ".join(filter(None, [get_text_for_indexing(self.presentation), self.city])),
            tags=[skill.name for skill in self.skills.all()],
            category=str(self.LegalForm(self.legal_form).label) if self.legal_form else "",
            region=self.region.title,
            cooperatives=[self.title],
            date=self.last_published_at,
        )
