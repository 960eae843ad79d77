from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberProfile(models.Model):
    """Links a user to their cooperative and gives their role in the network.

    The role decides the user's groups (see core.roles.sync_member_groups), so a moderator
    manages membership in one place.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Membre")
        EDITOR = "editor", _("Éditeur")
        MODERATOR = "moderator", _("Modérateur")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kb_profile",
        verbose_name=_("utilisateur"),
    )
    cooperative = models.ForeignKey(
        "kb.CooperativePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("coopérative"),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    public_contact = models.BooleanField(
        _("contact visible par les membres"),
        default=False,
        help_text=_("Les autres membres du réseau peuvent voir votre adresse e-mail."),
    )

    class Meta:
        verbose_name = _("profil de membre")
        verbose_name_plural = _("profils de membres")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()
