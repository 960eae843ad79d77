"""The words of a review: the radar's rings and the criteria scored from 1 to 5. They live with the
models (ReviewPage's fields use them) and scoring, forms, the radar and the views read them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ring(models.TextChoices):
    ADOPT = "adopt", _("Adopter")
    TRIAL = "trial", _("Essayer")
    ASSESS = "assess", _("Évaluer")
    HOLD = "hold", _("Suspendre")


RING_ORDER = [Ring.ADOPT, Ring.TRIAL, Ring.ASSESS, Ring.HOLD]

CRITERIA = [
    ("score_features", _("Fonctionnalités")),
    ("score_usability", _("Facilité d'usage")),
    ("score_operations", _("Administration et hébergement")),
    ("score_maturity", _("Maturité et communauté")),
    ("score_openness", _("Ouverture et souveraineté")),
    ("score_cost", _("Coût")),
]
