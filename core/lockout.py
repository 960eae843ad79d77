"""Login throttling with django-axes: the lockout page, and the moderators' release view.

Axes counts failed logins per account and per client address (AXES_LOCKOUT_PARAMETERS) on every
login form that goes through django.contrib.auth.authenticate: the site's /compte/connexion/,
Wagtail's /admin/login/ and /django-admin/. Past AXES_FAILURE_LIMIT failures the form answers 429
with the reason, until AXES_COOLOFF_TIME has passed or a moderator releases it here.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.forms.utils import ErrorDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from axes.models import AccessAttempt
from axes.utils import reset

RELEASE_PERMISSION = "axes.delete_accessattempt"


def cooloff_seconds():
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message():
    minutes = math.ceil(cooloff_seconds() / 60)
    return _(
        "Trop de tentatives de connexion échouées pour ce compte ou depuis votre adresse : la connexion "
        "est bloquée pendant %(minutes)d minutes. Réessayez plus tard, ou demandez à un modérateur de "
        "la débloquer."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, _credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page the reader used, its form saying why, with 429."""
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    template = getattr(original_response, "template_name", None)
    if form is None or template is None:
        template = "registration/login.html"
        form = AuthenticationForm(request)
        context = {"page_title": _("Connexion"), "next": request.POST.get("next", "")}
    form._errors = ErrorDict()  # "wrong password" would be a lie: the password was never checked
    form.add_error(None, lockout_message())
    response = TemplateResponse(request, template, {**context, "form": form}, status=429)
    response["Retry-After"] = str(cooloff_seconds())
    return response.render()  # returned by a middleware, after Django renders template responses


def _active_attempts():
    since = timezone.now() - timedelta(seconds=cooloff_seconds())
    return AccessAttempt.objects.filter(attempt_time__gte=since)


def current_lockouts():
    """Accounts and addresses at or over the failure limit, newest first."""
    limit = settings.AXES_FAILURE_LIMIT
    rows = {}
    for field in ("username", "ip_address"):
        rows[field] = list(
            _active_attempts()
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
            .order_by("-last")
        )
        for row in rows[field]:
            row["value"] = row[field]
            row["until"] = row["last"] + timedelta(seconds=cooloff_seconds())
    return rows["username"], rows["ip_address"]


def lockouts_report(request):
    if not request.user.has_perm(RELEASE_PERMISSION):
        raise PermissionDenied
    accounts, addresses = current_lockouts()
    context = {
        "page_title": _("Connexions bloquées"),
        "accounts": accounts,
        "addresses": addresses,
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": math.ceil(cooloff_seconds() / 60),
    }
    return TemplateResponse(request, "kb/admin/lockouts.html", context)


@require_POST
def release_lockout(request):
    if not request.user.has_perm(RELEASE_PERMISSION):
        raise PermissionDenied
    kind, value = request.POST.get("kind"), request.POST.get("value", "")
    if kind == "username" and value:
        reset(username=value)
        messages.success(
            request, _("Le compte « %(value)s » peut de nouveau se connecter.") % {"value": value}
        )
    elif kind == "ip_address" and value:
        reset(ip=value)
        messages.success(request, _("L'adresse %(value)s peut de nouveau se connecter.") % {"value": value})
    else:
        messages.error(request, _("Rien à débloquer : choisissez un compte ou une adresse de la liste."))
    return redirect("kb_lockouts")
