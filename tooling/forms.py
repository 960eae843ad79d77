from django import forms
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from core.numbers import parse_positive_int
from tooling.models.vocabulary import CRITERIA, Ring

MIN_COMPARED, MAX_COMPARED = 2, 4
SUBJECT_MAX, MESSAGE_MIN, MESSAGE_MAX = 150, 20, 5000


class ReviewForm(forms.ModelForm):
    """A member's review, written on the public site; it becomes a draft sent to moderation.

    Its Meta names no model: `review_form` binds it to the model of the tool's reviews, so that this
    module imports no page model (the tool's route, in tooling.models.pages, uses it)."""

    ring = forms.ChoiceField(
        label=_("Anneau"),
        choices=Ring.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un anneau : Adopter, Essayer, Évaluer ou Suspendre.")},
    )

    class Meta:
        fields = [
            "use_case",
            "team_size",
            *(name for name, _label in CRITERIA),
            "ring",
            "pros",
            "cons",
            "recommendation",
        ]
        widgets = {
            **{name: forms.NumberInput(attrs={"min": 1, "max": 5}) for name, _label in CRITERIA},
            "pros": forms.Textarea(attrs={"rows": 4}),
            "cons": forms.Textarea(attrs={"rows": 4}),
            "recommendation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CRITERIA:
            self.fields[name].label = label
            self.fields[name].error_messages.update(
                {
                    "required": _("Donnez une note de 1 à 5."),
                    "min_value": _("La note doit être comprise entre 1 et 5."),
                    "max_value": _("La note doit être comprise entre 1 et 5."),
                    "invalid": _("La note doit être un nombre entier entre 1 et 5."),
                }
            )
        for name in ("use_case", "pros", "cons", "recommendation"):
            self.fields[name].error_messages["required"] = _("Ce champ ne peut pas rester vide.")

    def score_fields(self):
        return [self[name] for name, _label in CRITERIA]

    def text_fields(self):
        return [self[name] for name in ("pros", "cons", "recommendation")]


def review_form(tool, data=None):
    """A ReviewForm for a new review of `tool`."""
    return modelform_factory(tool.reviews().model, form=ReviewForm)(data)


class AskReferentsForm(forms.Form):
    """« Écrire aux référents »: one subject and one message, e-mailed to each référent of a tool."""

    subject = forms.CharField(
        label=_("Sujet"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": _("Donnez un sujet à votre message."),
            "max_length": _("Le sujet tient en %(limit_value)d caractères au plus (il en a %(show_value)d)."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        min_length=MESSAGE_MIN,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Décrivez votre question et votre contexte : les référents vous répondront par e-mail."),
        error_messages={
            "required": _("Écrivez votre message."),
            "min_length": _(
                "Le message est trop court pour que les référents vous répondent : "
                "%(limit_value)d caractères au moins (il en a %(show_value)d)."
            ),
            "max_length": _(
                "Le message tient en %(limit_value)d caractères au plus (il en a %(show_value)d)."
            ),
        },
    )

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:  # an e-mail subject is one line
            raise forms.ValidationError(_("Le sujet tient sur une seule ligne."))
        return subject


class CompareForm(forms.Form):
    """?tools=12,34 (or repeated tools=…): two to four tools to put side by side."""

    tools = forms.CharField(
        label=_("Outils à comparer"),
        error_messages={"required": _("Choisissez de 2 à 4 outils à comparer.")},
    )

    def __init__(self, data, tool_queryset):
        merged = ",".join(data.getlist("tools")) if hasattr(data, "getlist") else data.get("tools", "")
        super().__init__({"tools": merged} if merged else {})
        self.tool_queryset = tool_queryset

    def clean_tools(self):
        raw = [item for item in self.cleaned_data["tools"].split(",") if item.strip()]
        # ASCII digits within a database id only: "²" or a 40-digit number are typing mistakes.
        parsed = [parse_positive_int(item) for item in raw]
        if None in parsed:
            raise forms.ValidationError(
                _("La liste d'outils doit contenir des numéros séparés par des virgules.")
            )
        ids = list(dict.fromkeys(parsed))
        if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
            raise forms.ValidationError(
                _("Choisissez de 2 à 4 outils différents (vous en avez indiqué %(count)s).")
                % {"count": len(ids)}
            )
        found = {tool.pk: tool for tool in self.tool_queryset.filter(pk__in=ids)}
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            raise forms.ValidationError(_("Outil introuvable : %(ids)s.") % {"ids": ", ".join(missing)})
        return [found[pk] for pk in ids]
