from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from runs.models import Answer, Run

# Evidence: the document types the site takes, and screenshots; 10 MB by default. Read from the
# settings when a file is checked, so that override_settings applies.


def evidence_extensions():
    return [*settings.WAGTAILDOCS_EXTENSIONS, "png", "jpg", "jpeg", "webp"]


def evidence_max_bytes():
    return getattr(settings, "KB_RUN_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)


class StartRunForm(forms.ModelForm):
    class Meta:
        model = Run
        fields = ["project", "client", "date", "participants", "shared"]
        labels = {"project": _("Nom du projet"), "shared": _("Partager avec le réseau")}
        help_texts = {"project": _("Visible des seuls membres de votre coopérative, sauf si vous partagez.")}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "project": {"required": _("Donnez le nom du projet vérifié.")},
            "date": {"invalid": _("Saisissez une date valide, par exemple 2026-03-31.")},
        }


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Réponse"),
        choices=[("", _("Pas encore répondu")), *Answer.Status.choices],
        required=False,
        error_messages={"invalid_choice": _("Choisissez OK, KO ou N/A.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _("La note dépasse %(limit_value)d caractères (elle en a %(show_value)d).")
        },
    )
    link = forms.URLField(
        label=_("Lien vers une preuve"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Saisissez une adresse web complète, par exemple https://…")},
    )
    evidence = forms.FileField(label=_("Fichier de preuve"), required=False, max_length=200)
    remove_evidence = forms.BooleanField(label=_("Retirer le fichier"), required=False)

    def clean_evidence(self):
        file = self.cleaned_data.get("evidence")
        if file is None:
            return None
        extensions, max_bytes = evidence_extensions(), evidence_max_bytes()
        if Path(file.name).suffix.lower().lstrip(".") not in extensions:
            raise forms.ValidationError(
                _("Ce type de fichier n'est pas accepté ; formats possibles : %(formats)s.")
                % {"formats": ", ".join(extensions)}
            )
        if file.size > max_bytes:
            raise forms.ValidationError(
                _("Le fichier dépasse %(megabytes)d Mo.") % {"megabytes": max_bytes // (1024 * 1024)}
            )
        return file
