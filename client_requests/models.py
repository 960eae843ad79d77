"""A client's request to the network, the cooperatives it is routed to, those interested, and their
discussion. A request is never public: see client_requests.access for who sees what of it."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret():
    return secrets.token_urlsafe(16)


class ClientRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Nouvelle")
        DETAILS = "details", _("Précisions demandées")
        OPEN = "open", _("En cours")
        CONSORTIUM = "consortium", _("Consortium formé")
        PROPOSAL = "proposal", _("Proposition envoyée")
        WON = "won", _("Gagnée")
        LOST = "lost", _("Perdue")
        DROPPED = "dropped", _("Sans suite")
        SPAM = "spam", _("Rejetée (indésirable)")

    # Routed to cooperatives, members may see it; moderators only before that.
    ROUTED = [Status.OPEN, Status.CONSORTIUM, Status.PROPOSAL, Status.WON, Status.LOST, Status.DROPPED]
    CLOSED = [Status.WON, Status.LOST, Status.DROPPED, Status.SPAM]
    # What the cooperatives move a routed request through, in order.
    PROGRESS = [Status.OPEN, Status.CONSORTIUM, Status.PROPOSAL, Status.WON, Status.LOST, Status.DROPPED]

    class Timing(models.TextChoices):
        ASAP = "asap", _("Dès que possible")
        QUARTER = "quarter", _("Dans les trois mois")
        LATER = "later", _("Plus tard dans l'année")
        UNKNOWN = "unknown", _("Je ne sais pas encore")

    class Budget(models.TextChoices):
        UNKNOWN = "", _("Non précisé")
        SMALL = "lt5k", _("Moins de 5 000 €")
        MEDIUM = "5k-20k", _("De 5 000 à 20 000 €")
        LARGE = "20k-50k", _("De 20 000 à 50 000 €")
        XLARGE = "gt50k", _("Plus de 50 000 €")

    class Organisation(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        PUBLIC = "public", _("Collectivité ou service public")
        COMPANY = "company", _("Entreprise")
        COOPERATIVE = "cooperative", _("Coopérative ou structure de l'ESS")
        OTHER = "other", _("Autre")

    title = models.CharField(_("votre besoin en une phrase"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    # No region: the request is national from the start.
    region = models.ForeignKey(
        "kb.RegionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("région"),
    )
    skills = models.ManyToManyField("kb.Skill", related_name="+", verbose_name=_("compétences recherchées"))
    timing = models.CharField(_("échéance"), max_length=20, choices=Timing.choices, default=Timing.UNKNOWN)
    budget = models.CharField(_("budget"), max_length=20, choices=Budget.choices, blank=True)
    organisation = models.CharField(_("type d'organisation"), max_length=20, choices=Organisation.choices)
    # Personal data: moderators and the cooperatives that answered only; purged after the retention.
    contact_name = models.CharField(_("votre nom"), max_length=150, blank=True)
    contact_email = models.EmailField(_("votre e-mail"), blank=True)
    organisation_name = models.CharField(_("nom de l'organisation"), max_length=200, blank=True)
    consented_at = models.DateTimeField(_("consentement donné le"))
    # The language the form was filled in: the client's e-mails are written in it.
    language = models.CharField(max_length=8, default="fr", editable=False)
    anonymised_at = models.DateTimeField(_("données personnelles effacées le"), null=True, blank=True)

    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The moderators' question when they ask for details, and the client's answers after it.
    moderator_question = models.TextField(_("question au client"), blank=True, max_length=2000)
    client_details = models.TextField(_("précisions du client"), blank=True, max_length=5000)
    routed_at = models.DateTimeField(_("transmise le"), null=True, blank=True)
    # Sent to the whole network: nobody answered in the region in time, or no cooperative matched.
    national_at = models.DateTimeField(_("élargie au niveau national le"), null=True, blank=True)
    lead = models.ForeignKey(
        "kb.CooperativePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chef de file"),
    )
    # A cooperative that offered to lead, waiting for the others' agreement.
    lead_proposed = models.ForeignKey(
        "kb.CooperativePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Part of the status page's signed link: replacing it ends every link sent before.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="client_requests_triage")]
        verbose_name = _("demande de client")
        verbose_name_plural = _("demandes de clients")

    def __str__(self):
        return self.title

    @property
    def is_national(self) -> bool:
        return self.region_id is None or self.national_at is not None

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def url(self) -> str:
        return reverse("client_request", args=[self.pk])

    @property
    def full_url(self) -> str:
        return settings.KB_BASE_URL.rstrip("/") + self.url

    def set_status(self, status):
        self.status = status
        self.status_changed_at = timezone.now()


class Routing(models.Model):
    """The request was sent to this cooperative (its skills matched), at regional or national level."""

    request = models.ForeignKey(ClientRequest, on_delete=models.CASCADE, related_name="routings")
    cooperative = models.ForeignKey("kb.CooperativePage", on_delete=models.CASCADE, related_name="+")
    national = models.BooleanField(default=False)
    routed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "cooperative"], name="client_requests_one_routing")
        ]

    def __str__(self):
        return f"{self.request_id} → {self.cooperative_id}"


class Interest(models.Model):
    """« Nous sommes intéressés »: a cooperative's answer, with the part it would take."""

    request = models.ForeignKey(ClientRequest, on_delete=models.CASCADE, related_name="interests")
    cooperative = models.ForeignKey(
        "kb.CooperativePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("coopérative")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("votre rôle dans le projet"), max_length=200)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # Agrees that the cooperative in `request.lead_proposed` leads.
    agrees_to_lead = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "cooperative"], name="client_requests_one_interest")
        ]
        verbose_name = _("intérêt")
        verbose_name_plural = _("intérêts")

    def __str__(self):
        return f"{self.cooperative_id} : {self.role}"


class RequestMessage(models.Model):
    """The members' discussion on a request's page."""

    request = models.ForeignKey(ClientRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cooperative = models.ForeignKey(
        "kb.CooperativePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_id} : {self.body[:40]}"
