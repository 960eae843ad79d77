"""The moderators' side, in the Wagtail admin: triage (accept, reject as spam, ask for details),
the lead when the cooperatives cannot agree, and the report."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kb.models import CooperativePage

from . import consortium, lifecycle
from .models import ClientRequest
from .report import requests_report

PERMISSION = "client_requests.change_clientrequest"


def _moderator(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Question au client"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class LeadForm(forms.Form):
    lead = forms.ModelChoiceField(label=gettext_lazy("Chef de file"), queryset=CooperativePage.objects.none())

    def __init__(self, *args, client_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = CooperativePage.objects.filter(
            pk__in=client_request.interests.values("cooperative")
        )


def request_list(request):
    _moderator(request)
    status = request.GET.get("status") or ClientRequest.Status.NEW
    if status not in ClientRequest.Status.values:
        status = ClientRequest.Status.NEW
    counts = dict(ClientRequest.objects.values_list("status").annotate(count=Count("pk")).order_by())
    tabs = [
        {"value": value, "label": label, "count": counts.get(value, 0), "current": value == status}
        for value, label in ClientRequest.Status.choices
    ]
    rows = ClientRequest.objects.filter(status=status).select_related("region").prefetch_related("skills")
    context = {"page_title": _("Demandes des clients"), "tabs": tabs, "rows": rows[:200]}
    return TemplateResponse(request, "client_requests/admin/list.html", context)


def request_detail(request, pk):
    _moderator(request)
    client_request = get_object_or_404(ClientRequest, pk=pk)
    context = {
        "page_title": client_request.title,
        "client_request": client_request,
        "question_form": QuestionForm(),
        "lead_form": LeadForm(client_request=client_request),
        "routings": client_request.routings.select_related("cooperative"),
        "interests": client_request.interests.select_related("cooperative", "member"),
    }
    return TemplateResponse(request, "client_requests/admin/detail.html", context)


@require_POST
def triage(request, pk):
    _moderator(request)
    client_request = get_object_or_404(ClientRequest, pk=pk)
    action = request.POST.get("action")
    waiting = client_request.status in (ClientRequest.Status.NEW, ClientRequest.Status.DETAILS)
    if action == "accept" and waiting:
        told = lifecycle.accept(client_request)
        messages.success(
            request,
            _("Demande acceptée et transmise à %(count)d coopérative(s)%(national)s.")
            % {"count": len(told), "national": _(" (niveau national)") if client_request.national_at else ""},
        )
    elif action == "spam" and waiting:
        lifecycle.reject_as_spam(client_request)
        messages.success(request, _("Demande rejetée comme indésirable."))
    elif action == "details" and waiting:
        form = QuestionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Écrivez la question à poser au client."))
            return redirect("client_requests_admin_detail", pk=pk)
        lifecycle.ask_details(client_request, form.cleaned_data["question"])
        messages.success(request, _("Question envoyée au client."))
    elif action == "lead":
        form = LeadForm(request.POST, client_request=client_request)
        if not form.is_valid():
            messages.error(request, _("Choisissez une coopérative qui s'est dite intéressée."))
            return redirect("client_requests_admin_detail", pk=pk)
        consortium.set_lead(client_request, form.cleaned_data["lead"])
        messages.success(request, _("Chef de file désigné."))
    else:
        messages.error(request, _("Cette action n'est pas possible dans l'état actuel de la demande."))
    return redirect("client_requests_admin_detail", pk=pk)


def report(request):
    _moderator(request)
    context = {"page_title": _("Demandes des clients : rapport"), **requests_report()}
    return TemplateResponse(request, "client_requests/admin/report.html", context)
