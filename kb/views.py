from django.contrib.auth import views as auth_views
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    # Not True: a signed-in reader sent here by a page restricted to a group they are not in would
    # be redirected back to that page, and again here, for ever. They get the form to switch account.
    redirect_authenticated_user = False
    extra_context = {"page_title": _("Connexion")}


def not_found(request, *args, **kwargs):
    """A 404 for addresses that cannot name anything (see kb/urls.py)."""
    raise Http404
