from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class WatchDuty(models.Model):
    """Moderators ask cooperatives to keep a category (or one tool) reviewed every N months."""

    cooperatives = models.ManyToManyField(
        "kb.CooperativePage", related_name="watch_duties", verbose_name=_("coopératives")
    )
    category = models.ForeignKey(
        "tooling.ToolCategoryPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watch_duties",
        verbose_name=_("catégorie"),
    )
    tool = models.ForeignKey(
        "tooling.ToolPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watch_duties",
        verbose_name=_("outil"),
    )
    interval_months = models.PositiveSmallIntegerField(
        _("intervalle (mois)"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_("Un outil est à revoir quand son dernier avis est plus ancien que cet intervalle."),
    )

    panels = [
        FieldPanel("cooperatives"),
        FieldPanel("category"),
        FieldPanel("tool"),
        FieldPanel("interval_months"),
    ]

    class Meta:
        verbose_name = _("mission de veille")
        verbose_name_plural = _("missions de veille")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__isnull=True, tool__isnull=False)
                | models.Q(category__isnull=False, tool__isnull=True),
                name="tooling_watchduty_category_xor_tool",
            )
        ]

    def __str__(self):
        target = self.tool or self.category
        return _("%(target)s, tous les %(months)s mois") % {"target": target, "months": self.interval_months}

    def clean(self):
        if (self.category_id is None) == (self.tool_id is None):
            raise ValidationError(_("Choisissez soit une catégorie, soit un outil (pas les deux)."))
