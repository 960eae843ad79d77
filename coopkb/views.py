"""The project's own pages: sign-in, the site plan, and the 404 of addresses that cannot name anything."""

from django.contrib.auth import views as auth_views
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core.site_plan import site_plan_context


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    # Not True: a signed-in reader sent here by a page restricted to a group they are not in would
    # be redirected back to that page, and again here, for ever. They get the form to switch account.
    redirect_authenticated_user = False
    extra_context = {"page_title": _("Connexion")}


def site_plan(request):
    """« Plan du site »: every page this reader may read, section by section."""
    if request.user.is_authenticated:
        request.kb_restricted = True  # it may list members-only pages: never cached
    context = {"page_title": _("Plan du site"), **site_plan_context(request)}
    return TemplateResponse(request, "kb/site_plan.html", context)


def not_found(_request):
    """A 404 for addresses that cannot name anything (see coopkb/urls.py)."""
    raise Http404
