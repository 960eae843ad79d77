"""« Toujours valable » in the admin: a confirmation, then the change (the site's button is a page
route: core.still_valid_routes)."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.models import Page

from core.admin_privacy import shown_in_admin
from core.still_valid import confirm, refusal
from core.still_valid_routes import announce_confirmed


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
        announce_confirmed(request, page, confirm(page, request.user))
        return redirect(next_url) if next_url else redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "kb/admin/still_valid.html", context)
