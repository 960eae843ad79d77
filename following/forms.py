from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_DELIVERY, Delivery, Notification


def languages():
    # Read when the form is built, not when this module is imported: override_settings applies.
    return settings.LANGUAGES


class DeliveryForm(forms.Form):
    """One choice per kind of notification, and the language of the e-mails."""

    language = forms.ChoiceField(label=_("Langue des e-mails"), choices=languages)

    def __init__(self, *args, chosen=None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = chosen or {}
        for kind in Notification.Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=chosen.get(kind.value, DEFAULT_DELIVERY),
                widget=forms.RadioSelect,
            )

    def kinds(self):
        return [self[kind.value] for kind in Notification.Kind]
