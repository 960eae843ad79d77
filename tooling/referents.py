"""« Écrire aux référents »: a member's one message to every référent of a tool, one e-mail each.

Only référents who may read the tool now receive it (core.access). Nobody sees another recipient's
address: each référent gets their own message (no Cc, no list of the others), with the sender's address
as Reply-To so that answering reaches the sender; the sender gets a copy. Each message is written in
its recipient's language (core.mail.language_of: Wagtail's user profile).
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.access import users_who_may_read
from core.mail import absolute, language_of

QUESTION_SUBJECT = _("CoopKB — question sur %(tool)s : %(subject)s")
COPY_SUBJECT = _("CoopKB — copie de votre question sur %(tool)s : %(subject)s")


def reachable_referents(tool, referents, sender) -> list:
    """The users among these référent rows who may be written to: active, with an e-mail address,
    allowed to read the tool now; each once, and not the sender (who gets the copy)."""
    users = {}
    for referent in referents:
        if referent.user.email and referent.user_id != sender.pk:
            users.setdefault(referent.user_id, referent.user)
    return users_who_may_read(tool, users.values())


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _message(template, recipient, subject, context, reply_to=()):
    language = language_of(recipient)
    with translation.override(language):
        subject = str(subject) % {"tool": context["tool"].title, "subject": context["subject"]}
        body = render_to_string(template, context)
    message = EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email], reply_to=list(reply_to)
    )
    message.extra_headers["Content-Language"] = language
    return message


def questions(tool, sender, recipients, subject, message) -> list[EmailMessage]:
    """One message for each référent, then the sender's copy. The sender's cooperative is named to the
    référents who may read it, as everywhere on the site."""
    profile = getattr(sender, "kb_profile", None)
    cooperative = profile.cooperative if profile is not None else None
    may_name = {user.pk for user in users_who_may_read(cooperative, recipients)} if cooperative else set()
    context = {
        "tool": tool,
        "tool_url": absolute(tool.url),
        "sender_name": display_name(sender),
        "subject": subject,
        "message": message,
    }
    mails = [
        _message(
            "tooling/email/ask_referents.txt",
            user,
            QUESTION_SUBJECT,
            {**context, "cooperative": cooperative if user.pk in may_name else None},
            reply_to=[sender.email],
        )
        for user in recipients
    ]
    mails.append(
        _message(
            "tooling/email/ask_referents_copy.txt",
            sender,
            COPY_SUBJECT,
            {**context, "count": len(recipients)},
        )
    )
    return mails


def send_questions(mails) -> None:
    """Send them over one connection; a refusing or unreachable mail server raises OSError
    (smtplib.SMTPException is one) for the route to say so."""
    get_connection().send_messages(mails)
