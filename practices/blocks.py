"""StreamField blocks of practices: procedure steps and checklist sections."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.rich_text import PRACTICE_FEATURES


class StepBlock(blocks.StructBlock):
    """One step of a procedure; steps are numbered in the order editors give them."""

    title = blocks.CharBlock(label=_("titre de l'étape"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("instructions"), features=PRACTICE_FEATURES)
    tip = blocks.TextBlock(label=_("astuce"), required=False)
    warning = blocks.TextBlock(label=_("attention"), required=False)
    tool = blocks.PageChooserBlock(label=_("outil utilisé"), page_type="tooling.ToolPage", required=False)

    class Meta:
        icon = "list-ol"
        label = _("Étape")
        template = "practices/blocks/step.html"
        preview_value = {
            "title": "Créer la branche de travail",
            "instructions": "<p>Partir de <code>main</code> à jour ; nommer la branche selon le ticket.</p>",
            "tip": "Un nom court se relit mieux dans l'historique.",
        }


class ChecklistItemBlock(blocks.StructBlock):
    criterion = blocks.CharBlock(label=_("critère"), max_length=300)
    verification = blocks.TextBlock(label=_("comment vérifier"), required=False)
    blocking = blocks.BooleanBlock(
        label=_("bloquant"),
        required=False,
        help_text=_("Un critère bloquant non rempli empêche la livraison."),
    )

    class Meta:
        icon = "tick"
        label = _("Critère")


class ChecklistSectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre de la section"), max_length=200)
    items = blocks.ListBlock(ChecklistItemBlock(), label=_("critères"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Section")
        template = "practices/blocks/checklist_section.html"
        preview_value = {
            "title": "Avant la mise en production",
            "items": [
                {
                    "criterion": "Les sauvegardes sont testées",
                    "verification": "Restaurer hier.",
                    "blocking": True,
                }
            ],
        }
