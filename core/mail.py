"""What every e-mail of the site needs to know about its reader and its links, whichever app sends it
(notifications, questions to a tool's référents): it imports no feature app."""

from django.conf import settings

from wagtail.users.models import UserProfile


def absolute(path: str) -> str:
    return settings.KB_BASE_URL.rstrip("/") + path


def language_of(user) -> str:
    """The member's language (Wagtail's user profile: the one they chose for the admin and mail)."""
    language = UserProfile.get_for_user(user).preferred_language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
