"""« Toujours valable » on the site (a button on the page) and in the admin (a confirmation)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail.models import Page

from kb.admin_privacy import shown_in_admin
from kb.still_valid import confirm, refusal


def _done(request, page, today):
    messages.success(
        request,
        _("« %(title)s » est toujours valable : relecture confirmée le %(date)s.")
        % {"title": page.title, "date": date_format(today, "DATE_FORMAT")},
    )


def on_page(request, page):
    """The POST of the button near the review date (practices' route `still_valid`)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    problem = refusal(request.user, page)
    if problem:
        return HttpResponse(problem, status=403, content_type="text/plain; charset=utf-8")
    _done(request, page, confirm(page, request.user))
    return redirect(page.url)


def in_admin(request, page_id):
    """A confirmation (GET), then the change (POST); back to where the editor came from."""
    page = shown_in_admin(request.user, Page.objects.filter(pk=page_id)).first()
    if page is None:  # what the admin may not name to them: not even whether it exists
        raise Http404
    page = page.specific
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    problem = refusal(request.user, page)
    context = {"page": page, "problem": problem, "next": next_url, "field": page.reviewed_field}
    if problem:
        return TemplateResponse(request, "kb/admin/still_valid.html", context, status=403)
    if request.method == "POST":
        _done(request, page, confirm(page, request.user))
        return redirect(next_url) if next_url else redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "kb/admin/still_valid.html", context)
