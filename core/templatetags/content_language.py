"""Mark content written in another language than the interface's, for screen readers and browsers."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def content_lang(language=None):
    """` lang="fr"` on an element holding content in `language` (by default the site's: Wagtail's
    localisation is off, so pages are written in LANGUAGE_CODE) when the interface speaks another;
    nothing when they agree, since `<html lang>` already says it."""
    language = language or settings.LANGUAGE_CODE
    if translation.get_language() == language:
        return ""
    return format_html(' lang="{}"', language)
