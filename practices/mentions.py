"""@username in comments: who a comment names, and whether each may read the page it is on.

A mention notifies (following, through core.events.comment_posted); one of someone who may not read
the page is refused, since the notification would tell them the page exists.
"""

import re

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.access import users_who_may_read

# After a space, a bracket or the start, not inside an address (« ana@coop.fr » names nobody).
MENTION = re.compile(r"(?<![\w@.+-])@([\w.+-]*\w)")
MAX_MENTIONS = 10


def usernames(text: str) -> list[str]:
    return list(dict.fromkeys(MENTION.findall(text)))


def mentioned(page, text: str) -> tuple[list, str]:
    """(the users the text mentions, a message saying what is wrong with its mentions or "")."""
    names = usernames(text)
    if not names:
        return [], ""
    if len(names) > MAX_MENTIONS:
        return [], _("Un commentaire peut mentionner %(count)d membres au plus.") % {"count": MAX_MENTIONS}
    users = list(get_user_model().objects.filter(username__in=names, is_active=True))
    found = {user.username for user in users}
    if unknown := [name for name in names if name not in found]:
        return [], _("Aucun membre ne s'appelle « @%(name)s » : vérifiez l'identifiant.") % {
            "name": unknown[0]
        }
    readers = {user.pk for user in users_who_may_read(page, users)}
    if outside := [user for user in users if user.pk not in readers]:
        return [], _(
            "« @%(name)s » ne peut pas lire cette page : la mention est refusée. Retirez-la ou mentionnez "
            "un membre qui la lit."
        ) % {"name": outside[0].username}
    return users, ""
