"""Members' comments on practices, with one level of replies and moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from practices.rendering import render_comment

DEFAULT_COMMENT_MAX_LENGTH = 5000


def comment_edit_window():
    """How long authors may fix or withdraw their words after posting (settings.KB_COMMENT_EDIT_WINDOW),
    read when asked so that override_settings applies."""
    return getattr(settings, "KB_COMMENT_EDIT_WINDOW", timezone.timedelta(minutes=15))


def comment_max_length():
    """The longest comment the form takes (settings.KB_COMMENT_MAX_LENGTH), read when asked."""
    return getattr(settings, "KB_COMMENT_MAX_LENGTH", DEFAULT_COMMENT_MAX_LENGTH)


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=Comment.Status.VISIBLE)

    def thread_for(self, page, members=False):
        """Visible top-level comments of a page, their visible replies, authors and cooperatives.
        Feedback from checklist runs (and its replies) is for members only: `members` shows it."""
        with_people = ("author__kb_profile__cooperative",)
        replies = Comment.objects.visible().select_related(*with_people).order_by("created", "pk")
        threads = self.visible().filter(page=page, parent__isnull=True)
        if not members:
            threads = threads.filter(run_feedback=False)
        return (
            threads.select_related(*with_people)
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
            .order_by("created", "pk")
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Masqué par la modération")
        REMOVED = "removed", _("Supprimé")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="practice_comments", verbose_name=_("page")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("en réponse à"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practice_comments",
        verbose_name=_("auteur"),
    )
    # A TextField's max_length only sizes model forms; CommentForm applies comment_max_length().
    body = models.TextField(_("texte"), max_length=DEFAULT_COMMENT_MAX_LENGTH)
    created = models.DateTimeField(_("créé le"), default=timezone.now, db_index=True)
    edited = models.DateTimeField(_("modifié le"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.VISIBLE, db_index=True
    )
    run_feedback = models.BooleanField(
        _("retour de vérification"),
        default=False,
        help_text=_("Suggestion envoyée depuis une vérification : lue par les membres seulement."),
    )

    objects = CommentQuerySet.as_manager()

    panels = [
        FieldPanel("body", read_only=True),
        FieldPanel("run_feedback", read_only=True),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["-created"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")

    def __str__(self):
        excerpt = " ".join(self.body.split())[:60]
        return f"{self.author} : {excerpt}"

    @cached_property
    def html(self):
        return render_comment(self.body)

    @property
    def cooperative(self):
        profile = getattr(self.author, "kb_profile", None)
        return profile.cooperative if profile else None

    @property
    def members_only(self):
        """Feedback from a checklist run, or a reply to it: only members read or hear of it."""
        return self.run_feedback or (self.parent_id is not None and self.parent.run_feedback)

    def editable_by(self, user, now=None):
        now = now or timezone.now()
        return (
            user.is_authenticated
            and user.pk == self.author_id
            and self.status == self.Status.VISIBLE
            and now - self.created <= comment_edit_window()
        )
