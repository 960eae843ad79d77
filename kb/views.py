from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": _("Connexion")}
