"""Procedures and quality-control checklists, and what they share."""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import F
from django.dispatch import receiver
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageLogEntry, PageViewRestriction
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from core.access import Reader, can_read_version, readable_cooperative_ids, readable_pages
from core.authorship import COOPERATIVE, AuthorshipPageForm
from core.events import cooperative_dependents
from core.months import add_months, months_later_before
from core.rich_text import PRACTICE_FEATURES
from core.roles import MEMBERS
from core.searchable import Searchable, SearchData
from core.still_valid import keep_confirmed_date
from core.still_valid_routes import StillValidRouteMixin
from practices.blocks import ChecklistSectionBlock, StepBlock
from practices.comment_routes import CommentRoutesMixin
from practices.markdown_io import export_page
from practices.versions import comparison as versions_compared


class Maturity(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    EXPERIMENTAL = "experimentale", _("Expérimentale")
    PROVEN = "eprouvee", _("Éprouvée")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Membres du réseau seulement")


class PracticePageForm(AuthorshipPageForm):
    authorship_fields = {"author_cooperative": COOPERATIVE}


class PracticePage(CommentRoutesMixin, StillValidRouteMixin, RoutablePageMixin, Searchable, Page):
    """Fields, routes (export, older versions; comments and « Toujours valable » from the mixins) and
    search document shared by practices."""

    summary = models.CharField(
        _("résumé"), max_length=300, help_text=_("Une ou deux phrases, reprises dans les listes.")
    )
    author_cooperative = models.ForeignKey(
        "kb.CooperativePage",
        verbose_name=_("coopérative autrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopting_cooperatives = ParentalManyToManyField(
        "kb.CooperativePage",
        verbose_name=_("coopératives qui l'ont adoptée"),
        blank=True,
        related_name="+",
    )
    maturity = models.CharField(
        _("maturité"), max_length=20, choices=Maturity.choices, default=Maturity.DRAFT
    )
    visibility = models.CharField(
        _("visibilité"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("« Membres » pose une restriction d'accès au groupe Membres à la publication."),
    )
    last_reviewed = models.DateField(_("dernière relecture"), null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(_("intervalle de relecture (mois)"), default=12)
    change_note = models.CharField(
        _("note de modification"),
        max_length=255,
        blank=True,
        help_text=_("Ce qui change dans cette version ; affiché aux lecteurs."),
    )
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Clé stable des pages importées (ex. « dah-… »)."),
    )
    provenance = models.CharField(_("source et licence"), max_length=500, blank=True)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    practice_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("author_cooperative"),
                FieldPanel("adopting_cooperatives"),
                FieldPanel("tags"),
                FieldPanel("maturity"),
                FieldPanel("visibility"),
            ],
            heading=_("Classement"),
        ),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("review_interval_months"), FieldPanel("change_note")],
            heading=_("Suivi"),
        ),
        MultiFieldPanel(
            [FieldPanel("external_id"), FieldPanel("provenance")],
            heading=_("Provenance"),
            classname="collapsed",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("maturity"),
        index.FilterField("external_id"),
    ]
    parent_page_types = ["practices.PracticeCategoryPage"]
    subpage_types = []
    search_kind = ""
    base_form_class = PracticePageForm  # editors write in their own cooperative's name

    class Meta:
        abstract = True

    # --- reading helpers -------------------------------------------------------------------------

    def sync_view_restrictions(self):
        """Called by core.access on publish: the "Membres" restriction follows `visibility`. Only the
        restriction this field made is removed; restrictions set in the admin stay."""
        members = Group.objects.get_or_create(name=MEMBERS)[0]
        own = [
            restriction
            for restriction in PageViewRestriction.objects.filter(
                page=self, restriction_type=PageViewRestriction.GROUPS, groups=members
            ).prefetch_related("groups")
            if list(restriction.groups.all()) == [members]
        ]
        if self.visibility == Visibility.MEMBERS and not own:
            restriction = PageViewRestriction.objects.create(
                page=self, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([members])
        elif self.visibility != Visibility.MEMBERS:
            for restriction in own:
                restriction.delete()

    # « Toujours valable » (core.still_valid) moves this date without a new version.
    reviewed_field = "last_reviewed"

    @property
    def review_due(self):
        if self.last_reviewed is None:
            return None
        return add_months(self.last_reviewed, self.review_interval_months)

    @property
    def needs_review(self):
        due = self.review_due
        return due is not None and due < timezone.localdate()

    @staticmethod
    def overdue(today):
        """`needs_review` in the database, for a queryset of practices (the reminders, the report)."""
        return months_later_before(F("last_reviewed"), F("review_interval_months"), today)

    def with_content_json(self, content):
        """A version written before a « Toujours valable » keeps the date it set: publishing or
        editing an older draft never moves the review date back."""
        return keep_confirmed_date(self, super().with_content_json(content))

    def shows_still_valid(self, request) -> bool:
        """« Toujours valable » near the review date, for who may edit the page (core.still_valid).
        Practices are edited by moderators and by the editor who wrote them (core.roles): only they
        pay for Wagtail's permission check, not every reader of the page."""
        user = request.user
        if not user.is_authenticated:
            return False
        reader = Reader.from_request(request)
        if not (user.is_superuser or reader.is_moderator or self.owner_id == user.pk):
            return False
        return self.permissions_for_user(user).can_edit()

    @cached_property
    def category(self):
        return self.get_parent().specific

    def published_revision_ids(self):
        """Revisions readers have seen (published ones), newest first; drafts stay private."""
        return list(
            PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False)
            .order_by("-timestamp", "-pk")
            .values_list("revision_id", flat=True)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        revisions = self.published_revision_ids()
        context["previous_revision_id"] = revisions[1] if len(revisions) > 1 else None
        # Cooperatives are named only where the reader may read their page.
        readable = readable_cooperative_ids(request)
        author = self.author_cooperative
        context["author_cooperative"] = author if author is not None and author.pk in readable else None
        context["adopting_cooperatives"] = [c for c in self.adopting_cooperatives.all() if c.pk in readable]
        context.update(self.comment_context(request))
        context["can_confirm_review"] = self.shows_still_valid(request)
        return context

    # --- routes ----------------------------------------------------------------------------------

    # Served at "<page-url>export.md" through practices.urls; Wagtail routes it with a final "/".
    @path("export.md/", name="export")
    def export_markdown(self, _request):
        response = HttpResponse(export_page(self), content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.md"'
        return response

    @path("versions/<int:revision_id>/", name="revision")
    def show_revision(self, request, revision_id):
        """An earlier published version, read-only, to readers who could read it when it was live."""
        if revision_id not in self.published_revision_ids():
            raise Http404
        revision = self.revisions.get(pk=revision_id)
        if not can_read_version(request, self, revision):
            raise Http404
        return revision.as_object().render(
            request,
            template=self.get_template(request),
            context_overrides={"old_revision": revision, "live_page": self},
        )

    @path("versions/comparer/", name="compare_versions")
    def compare_versions(self, request):
        """« Voir les changements » between two published versions the reader may see."""
        result, versions, error = versions_compared(
            request, self, request.GET.get("de"), request.GET.get("a")
        )
        return self.render(
            request,
            template="practices/compare_versions.html",
            context_overrides={"comparison": result, "versions": versions, "error": error},
        )

    def changes_url(self, revision_id):
        """« Voir les changements » that this published version brought."""
        return f"{self.url}{self.reverse_subpage('compare_versions')}?a={revision_id}"

    # --- search contract -------------------------------------------------------------------------

    def body_text(self):
        raise NotImplementedError

    # --- versions compared (practices/versions.py) -----------------------------------------------

    def field_part(self, name, text):
        label = str(self._meta.get_field(name).verbose_name)
        return (name, label[:1].upper() + label[1:], text)

    def comparable_parts(self):
        """(key, label, plain text) of what a version says, keys stable from version to version."""
        return [self.field_part("title", self.title), self.field_part("summary", self.summary)]

    def search_data(self, audience, restrictions) -> SearchData:
        """Only cooperatives every reader of `audience` may read are named."""
        cooperatives = [
            c.title
            for c in [self.author_cooperative, *self.adopting_cooperatives.all()]
            if c and restrictions.shown_with(audience, c.path, c.live)
        ]
        author = self.author_cooperative
        author_named = author is not None and restrictions.shown_with(audience, author.path, author.live)
        comments = " ".join(
            comment.body
            for thread in self.visible_comments()
            for comment in [thread, *thread.visible_replies]
        )
        category = self.category
        return SearchData(
            kind=self.search_kind,
            title=self.title,
            summary=self.summary,
            body=self.body_text(),
            comments=comments,
            tags=[tag.name for tag in self.tags.all()],
            category=category.title if category else "",
            region=author.region.title if author_named else "",
            cooperatives=list(dict.fromkeys(cooperatives)),
            external_id=self.external_id or "",
            date=self.last_published_at or self.latest_revision_created_at,
        )


def html_to_text(html):
    """Plain text of rich text for the search index: entities decoded, block elements apart
    (plain strip_tags leaves "d&#x27;un" and glues paragraphs into one word: "serveurLorsqu")."""
    source = getattr(html, "source", html)  # a StreamField RichText: its stored HTML, not a rendering
    return " ".join(get_text_for_indexing(str(source or "")).split())


class ProcedureTag(TaggedItemBase):
    content_object = ParentalKey("practices.ProcedurePage", on_delete=models.CASCADE, related_name="tagged")


class ProcedurePage(PracticePage):
    """A work procedure: why, what you need, then ordered steps."""

    context_goal = RichTextField(_("contexte et objectif"), blank=True, features=PRACTICE_FEATURES)
    prerequisites = RichTextField(_("prérequis"), blank=True, features=PRACTICE_FEATURES)
    steps = StreamField([("step", StepBlock())], verbose_name=_("étapes"), blank=True)
    roles = models.CharField(
        _("rôles impliqués"),
        max_length=255,
        blank=True,
        help_text=_("Séparés par des virgules, ex. « cheffe de projet, développeur »."),
    )
    tags = ClusterTaggableManager(through=ProcedureTag, blank=True, verbose_name=_("étiquettes"))

    content_panels = [
        *Page.content_panels,
        *PracticePage.practice_panels,
        FieldPanel("context_goal"),
        FieldPanel("prerequisites"),
        FieldPanel("roles"),
        FieldPanel("steps"),
    ]
    search_fields = [
        *PracticePage.search_fields,
        index.SearchField("context_goal"),
        index.SearchField("prerequisites"),
        index.SearchField("steps"),
        index.SearchField("roles"),
    ]
    search_kind = "procedure"

    class Meta:
        verbose_name = _("procédure")
        verbose_name_plural = _("procédures")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["checklists"] = readable_pages(request, self.checklists.live().order_by("title"))
        return context

    @property
    def role_list(self):
        return [role.strip() for role in self.roles.split(",") if role.strip()]

    def comparable_parts(self):
        parts = [
            *super().comparable_parts(),
            self.field_part("context_goal", html_to_text(self.context_goal)),
            self.field_part("prerequisites", html_to_text(self.prerequisites)),
            self.field_part("roles", self.roles),
        ]
        for number, step in enumerate(self.steps, 1):
            value = step.value
            text = [value["title"], html_to_text(value["instructions"])]
            text += [f"{_('Astuce :')} {value['tip']}"] if value["tip"] else []
            text += [f"{_('Attention :')} {value['warning']}"] if value["warning"] else []
            label = _("Étape %(number)d : %(title)s") % {"number": number, "title": value["title"]}
            parts.append((f"step:{step.id or value['title']}", label, "\n".join(text)))
        return parts

    def body_text(self):
        parts = [html_to_text(self.context_goal), html_to_text(self.prerequisites)]
        for step in self.steps:
            value = step.value
            parts += [value["title"], html_to_text(value["instructions"]), value["tip"], value["warning"]]
        return "\n".join(part for part in parts if part)


class ChecklistTag(TaggedItemBase):
    content_object = ParentalKey("practices.ChecklistPage", on_delete=models.CASCADE, related_name="tagged")


class ChecklistPage(PracticePage):
    """A quality-control checklist: sections of criteria, some blocking."""

    introduction = RichTextField(_("introduction"), blank=True, features=PRACTICE_FEATURES)
    procedure = models.ForeignKey(
        "practices.ProcedurePage",
        verbose_name=_("procédure vérifiée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checklists",
    )
    sections = StreamField([("section", ChecklistSectionBlock())], verbose_name=_("sections"), blank=True)
    tags = ClusterTaggableManager(through=ChecklistTag, blank=True, verbose_name=_("étiquettes"))

    content_panels = [
        *Page.content_panels,
        *PracticePage.practice_panels,
        FieldPanel("introduction"),
        FieldPanel("procedure"),
        FieldPanel("sections"),
    ]
    search_fields = [
        *PracticePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("sections"),
    ]
    search_kind = "checklist"

    class Meta:
        verbose_name = _("liste de contrôle")
        verbose_name_plural = _("listes de contrôle")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.procedure_id:
            procedures = ProcedurePage.objects.live().filter(pk=self.procedure_id)
            context["checked_procedure"] = readable_pages(request, procedures).first()
        return context

    def save(self, *args, **kwargs):
        # Sections given as plain data (demo, imports) hold list items without ids, and Wagtail makes
        # up new ones at every read, but checklist.js keeps a reader's ticks under each item's id.
        # Binding every section makes this save write the ids, so they stay the same from now on.
        list(self.sections)
        super().save(*args, **kwargs)

    @property
    def item_count(self):
        return sum(len(section.value["items"]) for section in self.sections)

    def comparable_parts(self):
        parts = [
            *super().comparable_parts(),
            self.field_part("introduction", html_to_text(self.introduction)),
        ]
        for section in self.sections:
            title = section.value["title"]
            for item in section.value["items"].bound_blocks:
                value = item.value
                text = [value["criterion"], value["verification"]]
                text += [f"({_('bloquant')})"] if value["blocking"] else []
                label = f"{title} — {value['criterion']}"
                parts.append((f"item:{item.id or label}", label, "\n".join(part for part in text if part)))
        return parts

    def body_text(self):
        parts = [html_to_text(self.introduction)]
        for section in self.sections:
            parts.append(section.value["title"])
            for item in section.value["items"]:
                parts += [item["criterion"], item["verification"]]
        return "\n".join(part for part in parts if part)


@receiver(cooperative_dependents)
def practices_naming(cooperative, **kwargs):
    ids = set()
    for model in (ProcedurePage, ChecklistPage):
        ids.update(model.objects.filter(author_cooperative=cooperative).values_list("pk", flat=True))
        ids.update(model.objects.filter(adopting_cooperatives=cooperative).values_list("pk", flat=True))
    return sorted(ids)
