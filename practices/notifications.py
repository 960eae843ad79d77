"""E-mail the people a new comment concerns: the author cooperative and the thread's participants."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def comment_recipients(comment):
    page = comment.page.specific
    addresses = []
    cooperative = getattr(page, "author_cooperative", None)
    if cooperative is not None and cooperative.contact_email:
        addresses.append(cooperative.contact_email)
    if comment.parent_id:
        thread = comment.parent
        participants = [thread.author, *(reply.author for reply in thread.replies.visible())]
        addresses += [user.email for user in participants if user.pk != comment.author_id and user.email]
    addresses = [a for a in dict.fromkeys(addresses) if a != comment.author.email]
    return addresses


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
