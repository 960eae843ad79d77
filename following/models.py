"""What members follow, and what they are told: one row per follow, one per notification.

A notification names its page, never a title: the page's title is read when the list is shown, and
only when the reader may read the page then (following.inbox), so a page restricted since shows
nothing of itself.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A member follows a page: that page and every page under it (a category, a cooperative, a
    region follow their content)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="following_one_follow_per_page")]
        verbose_name = _("suivi")
        verbose_name_plural = _("suivis")

    def __str__(self):
        return f"{self.user} → {self.page_id}"


class FollowedSearch(models.Model):
    """A member follows a search: told of results that appear later, and given an Atom feed of it.

    The search runs as its member each time (their rights then), so it never returns what they may
    not read; `seen` holds the result pages already reported, so a result is told once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_searches"
    )
    text = models.CharField(_("recherche"), max_length=500, blank=True)
    # facet name -> selected values, as the search page's query string reads them.
    filters = models.JSONField(_("filtres"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    seen = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("recherche suivie")
        verbose_name_plural = _("recherches suivies")

    def __str__(self):
        return f"{self.user} → « {self.text} »"


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Tout de suite")
    DAILY = "daily", _("Résumé quotidien")
    WEEKLY = "weekly", _("Résumé hebdomadaire")
    NEVER = "never", _("Jamais")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at=None)


class Notification(models.Model):
    class Kind(models.TextChoices):
        NEW_VERSION = "new_version", _("Nouvelle version")
        NEW_PAGE = "new_page", _("Nouveau contenu")
        NEW_REVIEW = "new_review", _("Nouvel avis")
        COMMENT = "comment", _("Nouveau commentaire")
        MENTION = "mention", _("Mention")
        NEW_RESULT = "new_result", _("Nouveau résultat d'une recherche suivie")
        REVIEW_DUE = "review_due", _("Relecture à faire")
        WATCH_DUE = "watch_due", _("Veille à faire")
        NEW_REQUEST = "new_request", _("Nouvelle demande de client")
        REQUEST_UPDATE = "request_update", _("Du nouveau sur une demande de client")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    # What it is about: a page, or a client's request (client_requests), never both.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, null=True, related_name="+")
    client_request = models.ForeignKey(
        "client_requests.ClientRequest", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The followed page that brought it (the page itself, or the category, cooperative… above it).
    followed = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+")
    # A comment or a mention: the comment (its page may be read, the comment must still be visible).
    comment = models.ForeignKey("practices.Comment", on_delete=models.CASCADE, null=True, related_name="+")
    # A new result of a followed search: the search (the page is the result).
    search = models.ForeignKey(
        "following.FollowedSearch", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note de modification"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Sent by e-mail (at once or in a digest), or decided not to be: a digest takes each one once.
    mailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="following_inbox"),
            models.Index(fields=["recipient", "read_at"], name="following_unread"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def subject(self):
        """The page or the request it is about: both have a title, a url and a full_url."""
        return self.page if self.page_id else self.client_request

    @property
    def anchor(self) -> str:
        """Where on its page it points: the comment, when it is about one."""
        return f"#commentaire-{self.comment_id}" if self.comment_id else ""


class DeliveryPreference(models.Model):
    """How a member wants one kind of notification by e-mail; without a row, DEFAULT_DELIVERY."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("type"), max_length=20, choices=Notification.Kind.choices)
    delivery = models.CharField(_("envoi par e-mail"), max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="following_one_delivery_per_kind")
        ]
        verbose_name = _("préférence d'envoi")
        verbose_name_plural = _("préférences d'envoi")

    def __str__(self):
        return f"{self.user} {self.kind}: {self.delivery}"


# A daily digest unless the member chooses otherwise: told, without an e-mail per publish.
DEFAULT_DELIVERY = Delivery.DAILY
