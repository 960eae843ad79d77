"""The cooperatives directory filter: by skill and by region."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kb.models.taxonomy import Skill


class CooperativeFilterForm(forms.Form):
    competence = forms.ModelChoiceField(
        label=_("Compétence"),
        queryset=Skill.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les compétences"),
        error_messages={"invalid_choice": _("Cette compétence n'existe pas.")},
    )
    region = forms.ModelChoiceField(
        label=_("Région"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les régions"),
        error_messages={"invalid_choice": _("Cette région n'existe pas.")},
    )
    ville = forms.CharField(label=_("Ville"), max_length=100, required=False)

    def __init__(self, *args, regions=None, **kwargs):
        """`regions`: the regions to choose from; None on a region's page, where it is chosen."""
        super().__init__(*args, **kwargs)
        if regions is None:
            del self.fields["region"]
        else:
            self.fields["region"].queryset = regions

    def filter(self, cooperatives):
        data = self.cleaned_data
        if data.get("competence"):
            cooperatives = cooperatives.filter(skills=data["competence"])
        if data.get("region"):
            cooperatives = cooperatives.child_of(data["region"])
        if data.get("ville"):
            cooperatives = cooperatives.filter(city__icontains=data["ville"])
        return cooperatives
