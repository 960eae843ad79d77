"""Authorship in the admin: editors write only as themselves and in their own cooperative's name.

The public review form already fills both from the signed-in member; in the admin, the page forms
of reviews and practices use `AuthorshipPageForm`: for an editor, the authorship fields are locked
to their own cooperative and user, and forced again when the form is cleaned and saved, so a
crafted POST naming someone else changes nothing. Moderators and superusers may choose.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.roles import MODERATORS

COOPERATIVE = "cooperative"
USER = "user"


def chooses_authorship(user) -> bool:
    """Moderators and superusers may write in any cooperative's or member's name."""
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def own_authorship(user) -> dict:
    """Who an editor writes as: their profile's cooperative (or none) and themselves."""
    profile = getattr(user, "kb_profile", None)
    return {COOPERATIVE: profile.cooperative if profile else None, USER: user}


class AuthorshipPageForm(WagtailAdminPageForm):
    """Subclasses map each authorship field of their page to COOPERATIVE or USER."""

    authorship_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.forced = {}
        if user is None or chooses_authorship(user):
            return
        own = own_authorship(user)
        for name, source in self.authorship_fields.items():
            if name in self.fields:
                self.forced[name] = own[source]
                self._lock(name, own[source])

    def _lock(self, name, value):
        field = self.fields[name]
        field.disabled = True  # Django then ignores whatever the POST says and keeps the initial value
        field.widget = forms.Select()
        field.queryset = field.queryset.filter(pk=value.pk) if value is not None else field.queryset.none()
        field.help_text = _(
            "Vous écrivez en votre nom et celui de votre coopérative ; seul un modérateur peut les changer."
        )
        self.initial[name] = value.pk if value is not None else None

    def clean(self):
        cleaned_data = super().clean()
        model = self._meta.model
        for name, value in self.forced.items():
            if value is None and not model._meta.get_field(name).null:
                self.add_error(
                    name,
                    _(
                        "Votre profil de membre n'est rattaché à aucune coopérative : "
                        "demandez à un modérateur de le compléter."
                    ),
                )
            else:
                cleaned_data[name] = value
        return cleaned_data

    def save(self, commit=True):
        for name, value in self.forced.items():
            setattr(self.instance, name, value)
        return super().save(commit=commit)
