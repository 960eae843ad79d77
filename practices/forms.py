from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from practices.models.comments import comment_max_length


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Votre commentaire"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Texte simple ou Markdown léger : *italique*, **gras**, `code`, listes, liens."),
        error_messages={
            "required": _("Le commentaire est vide."),
            "max_length": _("Le commentaire dépasse %(limit_value)d caractères (il en a %(show_value)d)."),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit is read per form, not at import, so settings.KB_COMMENT_MAX_LENGTH (and
        # override_settings) apply; this is what CharField(max_length=…) sets up.
        body = self.fields["body"]
        body.max_length = comment_max_length()
        body.validators.append(MaxLengthValidator(body.max_length))
        body.widget.attrs.update(body.widget_attrs(body.widget))
