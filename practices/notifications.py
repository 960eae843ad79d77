"""E-mail the people a new comment concerns: the author cooperative and the thread's participants."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from core.access import PUBLIC, page_audience, users_who_may_read
from kb.models import MemberProfile

logger = logging.getLogger(__name__)


def comment_recipients(comment):
    """Who hears of a new comment: people who may read the page now, and nobody else.

    The author cooperative's public contact address only for a public page; for restricted content,
    the cooperative's editors who may read it instead. Thread participants who lost access hear nothing.
    """
    page = comment.page.specific
    people = []
    cooperative = getattr(page, "author_cooperative", None)
    # Feedback from a checklist run is members-only: its authors' editors hear of it, not a public address.
    public = PUBLIC in page_audience(page) and not comment.members_only
    if cooperative is not None and not public:
        people += [
            profile.user
            for profile in cooperative.members.filter(
                role__in=[MemberProfile.Role.EDITOR, MemberProfile.Role.MODERATOR], user__is_active=True
            ).select_related("user")
        ]
    if comment.parent_id:
        thread = comment.parent
        people += [thread.author, *(reply.author for reply in thread.replies.visible())]
    people = [user for user in people if user.pk != comment.author_id and user.email]
    addresses = [user.email for user in users_who_may_read(page, people)]
    if cooperative is not None and public and cooperative.contact_email and page.live:
        addresses.insert(0, cooperative.contact_email)
    return [address for address in dict.fromkeys(addresses) if address != comment.author.email]


def notify_new_comment(comment, page_url):
    recipients = comment_recipients(comment)
    if not recipients:
        return 0
    page = comment.page
    message = EmailMessage(
        subject=_("Nouveau commentaire sur « %(title)s »") % {"title": page.title},
        body=_("%(author)s a écrit :\n\n%(body)s\n\nLire et répondre : %(url)s")
        % {"author": comment.author, "body": comment.body, "url": page_url},
        from_email=settings.DEFAULT_FROM_EMAIL,
        bcc=recipients,  # participants do not see each other's addresses
    )
    try:
        return message.send()
    except (smtplib.SMTPException, OSError):
        # The comment is saved; a mail server outage must not lose it or fail the request.
        logger.exception("Notification e-mail for comment %s not sent", comment.pk)
        return 0
