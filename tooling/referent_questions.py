"""« Écrire aux référents », the tool's route: members only; one e-mail to each référent who may read
the tool, a copy to the sender, then back to the tool with a message. Bad input keeps what was typed
and sends nothing. It works from the tool it is given (tooling.models.pages imports this module)."""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import ngettext

from core.access import Reader
from core.limits import retry_after, too_many_requests
from tooling.forms import AskReferentsForm
from tooling.referents import questions, reachable_referents, send_questions

logger = logging.getLogger(__name__)


def ask_referents(request, tool):
    """The form, the refusal (403), the failure to send (503) or the way back to the tool."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not Reader.from_request(request).is_member:
        response = tool.render(request, template="tooling/ask_referents_forbidden.html")
        response.status_code = 403
        return response
    recipients = reachable_referents(tool, tool.referents.select_related("user"), request.user)
    form = AskReferentsForm(request.POST or None)
    context = {"form": form, "recipients": len(recipients), "send_failed": False}
    status = 400 if request.method == "POST" else 200
    can_send = bool(recipients and request.user.email)
    if request.method == "POST" and can_send and form.is_valid():
        # Each message e-mails every référent: settings.KB_RATE_LIMITS["ask_referents"] caps them.
        if seconds := retry_after(request, "ask_referents"):
            return too_many_requests(request, "ask_referents", seconds)
        try:
            send_questions(questions(tool, request.user, recipients, **form.cleaned_data))
        except OSError:  # SMTP refused or unreachable: say so, keep the text for another try
            logger.exception("question to the référents of tool %s not sent", tool.pk)
            context["send_failed"] = True
            status = 503
        else:
            messages.success(request, sent_message(len(recipients)))
            return redirect(tool.url)
    response = tool.render(request, template="tooling/ask_referents.html", context_overrides=context)
    response.status_code = status
    return response


def sent_message(count):
    return ngettext(
        "Votre message est parti vers %(count)d référent ; une copie vous est envoyée par e-mail.",
        "Votre message est parti vers %(count)d référents ; une copie vous est envoyée par e-mail.",
        count,
    ) % {"count": count}
