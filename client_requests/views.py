"""The public form and status page, and the members' pages of a request."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Reader, readable_cooperative_ids
from core.limits import retry_after, too_many_requests

from . import access, consortium, lifecycle
from .forms import DetailsForm, InterestForm, MessageForm, ProgressForm, RequestForm
from .models import ClientRequest
from .notify import mail_client, tell_answered
from .tokens import request_from_token, status_token


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def index(request):
    """What the network offers clients, and, for members, the requests they may see."""
    visible = access.visible_requests(request).select_related("region")
    context = {"requests": visible[:100], "is_member": Reader.from_request(request).is_member}
    return _private(TemplateResponse(request, "client_requests/index.html", context))


def new_request(request):
    if request.method == "POST" and (seconds := retry_after(request, "client_request")):
        return too_many_requests(request, "client_request", seconds)
    form = RequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            client_request = form.save(commit=False)
            client_request.consented_at = timezone.now()
            client_request.language = translation.get_language() or "fr"
            client_request.save()
            form.save_m2m()
            transaction.on_commit(lambda: mail_client(client_request, "received"))
            messages.success(
                request,
                _("Merci ! Votre demande est enregistrée : un e-mail vous donne le lien de cette page."),
            )
            return redirect("client_request_status", token=status_token(client_request))
        if form.is_trapped:
            # Robots are told nothing useful; a person whose browser filled the hidden field can retry.
            return _private(TemplateResponse(request, "client_requests/refused.html", status=400))
        form.restart()
    return _private(
        TemplateResponse(
            request,
            "client_requests/new.html",
            {"form": form, "retention_days": settings.KB_REQUEST_RETENTION_DAYS},
            status=400 if form.errors else 200,
        )
    )


def status(request, token):
    """The client's page: no account, the signed link of their e-mails."""
    client_request = request_from_token(token)
    if client_request is None:
        return _private(TemplateResponse(request, "client_requests/status_invalid.html", status=404))
    details_form = DetailsForm(request.POST if request.POST.get("action") == "details" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete" and request.POST.get("confirm"):
            lifecycle.forget_client(client_request)  # the link ends with it: this page is the last one
            return _private(
                TemplateResponse(request, "client_requests/status.html", {"client_request": client_request})
            )
        if action == "delete":
            messages.error(request, _("Cochez la case pour confirmer l'effacement de vos données."))
            return redirect("client_request_status", token=token)
        if (
            action == "details"
            and client_request.status == ClientRequest.Status.DETAILS
            and details_form.is_valid()
        ):
            lifecycle.add_details(client_request, details_form.cleaned_data["details"])
            messages.success(request, _("Merci : vos précisions sont transmises aux modérateurs."))
            return redirect("client_request_status", token=token)
    context = {
        "client_request": client_request,
        "details_form": details_form,
        "contact": consortium.client_contact(client_request),
        "steps": lifecycle.client_steps(client_request),
    }
    code = 400 if details_form.errors else 200
    return _private(TemplateResponse(request, "client_requests/status.html", context, status=code))


def _visible_or_404(request, pk):
    return get_object_or_404(access.visible_requests(request), pk=pk)


def _form_errors(request, client_request, form, action):
    """A member's answer or message with errors: the form again, with what was typed."""
    context = {"client_request": client_request, "form": form, "action": action}
    return _private(TemplateResponse(request, "client_requests/form_errors.html", context, status=400))


@login_required
def detail(request, pk):
    client_request = _visible_or_404(request, pk)
    mine = access.cooperative_of(request.user)
    readable = set(readable_cooperative_ids(request))
    interests = list(client_request.interests.select_related("cooperative", "member"))
    context = {
        "client_request": client_request,
        "show_contact": access.may_see_contact(request.user, client_request),
        "routed": [
            r.cooperative
            for r in client_request.routings.select_related("cooperative")
            if r.cooperative_id in readable
        ],
        "interests": interests,
        "messages_list": client_request.messages.select_related("author", "cooperative"),
        "my_cooperative": mine,
        "my_interest": next((i for i in interests if mine and i.cooperative_id == mine.pk), None),
        "interest_form": InterestForm(),
        "message_form": MessageForm(),
        "progress_form": ProgressForm(initial={"status": client_request.status}),
        "may_progress": consortium.may_progress(request.user, client_request),
        "is_moderator": access.is_moderator(request),
    }
    return _private(TemplateResponse(request, "client_requests/detail.html", context))


def _answerable(request, pk):
    """The request, if the member's cooperative may still answer it (else a message says why)."""
    client_request = _visible_or_404(request, pk)
    if access.cooperative_of(request.user) is None:
        messages.error(request, _("Votre compte n'est rattaché à aucune coopérative."))
        return client_request, False
    if client_request.is_closed:
        messages.error(request, _("Cette demande est close."))
        return client_request, False
    return client_request, True


@require_POST
@login_required
def interest(request, pk):
    client_request, ok = _answerable(request, pk)
    if not ok:
        return redirect(client_request.url)
    form = InterestForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, client_request, form, "interest")
    try:
        with transaction.atomic():
            answer = form.save(commit=False)
            answer.request, answer.member = client_request, request.user
            answer.cooperative = access.cooperative_of(request.user)
            answer.save()
    except IntegrityError:
        messages.info(request, _("Votre coopérative a déjà dit son intérêt pour cette demande."))
        return redirect(client_request.url)
    transaction.on_commit(lambda: tell_answered(client_request, request.user))
    messages.success(request, _("C'est noté : votre coopérative est intéressée."))
    return redirect(client_request.url)


@require_POST
@login_required
def message(request, pk):
    client_request = _visible_or_404(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, client_request, form, "message")
    posted = form.save(commit=False)
    posted.request, posted.author = client_request, request.user
    posted.cooperative = access.cooperative_of(request.user)
    posted.save()
    transaction.on_commit(lambda: tell_answered(client_request, request.user))
    return redirect(client_request.url + "#discussion")


@require_POST
@login_required
def lead(request, pk):
    """« Proposer d'être chef de file » and « D'accord »: the lead is agreed by every cooperative
    interested (a moderator may also name it from the admin)."""
    client_request, ok = _answerable(request, pk)
    if not ok:
        return redirect(client_request.url)
    said = consortium.lead_action(
        client_request, access.cooperative_of(request.user), request.POST.get("action")
    )
    (messages.success if said.ok else messages.error)(request, said.text)
    return redirect(client_request.url)


@require_POST
@login_required
def progress(request, pk):
    client_request = _visible_or_404(request, pk)
    if not consortium.may_progress(request.user, client_request):
        raise Http404
    form = ProgressForm(request.POST)
    if form.is_valid():
        lifecycle.move_to(client_request, form.cleaned_data["status"])
        messages.success(request, _("L'état de la demande est mis à jour."))
    else:
        messages.error(request, _("État inconnu : choisissez-en un dans la liste."))
    return redirect(client_request.url)
