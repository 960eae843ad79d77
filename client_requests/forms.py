import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from kb.models import RegionPage, Skill

from .models import ClientRequest, Interest, RequestMessage

STARTED_SALT = "client_requests.started"
# A form filled more than a day ago is sent again (the page was left open): the check starts over.
STARTED_MAX_AGE = 24 * 3600


def started_token() -> str:
    return signing.dumps(time.time(), salt=STARTED_SALT)


class RequestForm(forms.ModelForm):
    """« Déposer une demande »: public, no account. Two traps for robots: a field people never see
    (`website`, hidden by CSS and from assistive technologies), and a minimum time to fill it."""

    region = forms.ModelChoiceField(
        label=_("Région"),
        queryset=RegionPage.objects.none(),
        required=False,
        empty_label=_("Tout le réseau (national)"),
        help_text=_("Les coopératives de la région sont sollicitées d'abord, puis tout le réseau."),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Compétences recherchées"),
        queryset=Skill.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une compétence.")},
    )
    contact_name = forms.CharField(label=_("Votre nom"), max_length=150)
    contact_email = forms.EmailField(
        label=_("Votre e-mail"), help_text=_("Pour l'accusé de réception et le suivi de votre demande.")
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que les modérateurs du réseau et les coopératives qui répondent à ma demande voient "
            "mon nom et mon e-mail pour me contacter à son sujet."
        ),
        error_messages={"required": _("Sans cet accord, les coopératives ne pourraient pas vous répondre.")},
    )
    website = forms.CharField(label=_("Ne pas remplir ce champ"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ClientRequest
        fields = [
            "title",
            "description",
            "region",
            "skills",
            "timing",
            "budget",
            "organisation",
            "organisation_name",
            "contact_name",
            "contact_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "title": _("Par exemple : « Refaire le site de notre association, accessible et sobre »."),
            "description": _(
                "Le contexte, ce qui existe déjà, ce que vous attendez (5 000 caractères au plus)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = RegionPage.objects.live().order_by("title")
        self.fields["skills"].queryset = Skill.objects.order_by("name")
        self.fields["budget"].required = False
        if not self.is_bound:
            self.initial["started"] = started_token()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Ce champ doit rester vide."), code="trap")
        return ""

    def clean_started(self):
        """When the form was opened (None if the clock is missing or forged)."""
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT)
        except signing.BadSignature:
            return None
        return started if isinstance(started, float) else None

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("started")
        elapsed = time.time() - started if started is not None else None
        if elapsed is None or not settings.KB_REQUEST_MIN_SECONDS <= elapsed <= STARTED_MAX_AGE:
            raise forms.ValidationError(
                _("Relisez votre demande, puis envoyez-la à nouveau."), code="too_fast"
            )
        return cleaned

    def need_fields(self):
        return [self[name] for name in ("title", "description", "region", "skills", "timing", "budget")]

    def person_fields(self):
        return [self[name] for name in ("organisation", "organisation_name", "contact_name", "contact_email")]

    @property
    def is_trapped(self) -> bool:
        """A robot's post: nothing of it is stored, and it is told nothing useful."""
        return self.has_error("website", "trap")

    def restart(self):
        """After an error, the clock of the minimum time restarts: the data typed is kept."""
        data = self.data.copy()
        data["started"] = started_token()
        self.data = data


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["role", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"role": _("Par exemple : « développement », « hébergement », « accessibilité ».")}


class MessageForm(forms.ModelForm):
    class Meta:
        model = RequestMessage
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class DetailsForm(forms.Form):
    """The client answers the moderators' question from the status page."""

    details = forms.CharField(
        label=_("Vos précisions"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Où en est la demande ?"),
        choices=[(status.value, status.label) for status in ClientRequest.PROGRESS],
    )
