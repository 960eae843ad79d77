from django import forms
from django.utils.translation import gettext_lazy as _

from practices.models.comments import COMMENT_MAX_LENGTH


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Votre commentaire"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Texte simple ou Markdown léger : *italique*, **gras**, `code`, listes, liens."),
        error_messages={
            "required": _("Le commentaire est vide."),
            "max_length": _("Le commentaire dépasse %(limit_value)d caractères (il en a %(show_value)d)."),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
