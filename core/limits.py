"""Abuse limits: who a request comes from, and fixed-window rate limits in Django's cache.

Counters live in the default cache, so every worker shares them when `REDIS_URL` sets a Redis
cache (the `kb.W001` check warns in production otherwise). Keys hold a keyed hash of the address
or account, never the address itself. Limits come from `settings.KB_RATE_LIMITS`:
{scope: (requests, seconds)}; COUNTED_BY says whom each scope counts.
"""

import hashlib
import hmac
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What the reader was doing too often, said before "try again in N seconds".
REASONS = {
    "ask_referents": gettext_lazy("Vous avez écrit à trop de référents en peu de temps."),
    "comment": gettext_lazy("Vous avez publié trop de commentaires en peu de temps."),
    "comment_edit": gettext_lazy("Vous avez modifié trop de commentaires en peu de temps."),
    "review": gettext_lazy("Vous avez envoyé trop d'avis en peu de temps."),
    "search": gettext_lazy("Trop de recherches en peu de temps depuis votre adresse."),
    "suggest": gettext_lazy("Trop de suggestions demandées en peu de temps depuis votre adresse."),
    "client_request": gettext_lazy("Trop de demandes envoyées en peu de temps depuis votre adresse."),
}


def client_address(request):
    """The client's IP address: REMOTE_ADDR, or the address the trusted proxies saw.

    With `KB_TRUSTED_PROXY_COUNT = n` (production: 1, the TLS proxy), the n-th address from the
    right of X-Forwarded-For is the client's; addresses further left could be forged by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "KB_TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [item for item in forwarded if item]
        if len(forwarded) >= count:
            remote = forwarded[-count]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return "unknown"


def axes_address(request):
    """The address django-axes records: its columns are IP address fields (PostgreSQL's inet refuses
    "unknown"), so an unknown address is None, as for a login made without a request."""
    address = client_address(request)
    return None if address == "unknown" else address


def _digest(identity):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, identity.encode(), hashlib.sha256).hexdigest()[:32]


# Whom each scope counts: the client address, and the account when signed in (an account follows
# its person across addresses). New comments stay per account, as they always were: colleagues
# behind one office address each get their own five a minute.
COUNTED_BY = {
    "ask_referents": ("user",),  # each message e-mails every référent of a tool: counted per member
    "comment": ("user",),
    "comment_edit": ("address", "user"),
    "review": ("address", "user"),
    "search": ("address",),
    "suggest": ("address",),
    "client_request": ("address",),
}


def _identities(request, scope):
    identities = []
    user = getattr(request, "user", None)
    for kind in COUNTED_BY[scope]:
        if kind == "address":
            identities.append(f"ip:{client_address(request)}")
        elif user is not None and user.is_authenticated:
            identities.append(f"user:{user.pk}")
    return identities or [f"ip:{client_address(request)}"]


def retry_after(request, scope):
    """Count this request against `scope`; the seconds to wait if it goes over the limit, else None.

    Counted as COUNTED_BY says (address, account or both): any counter over the limit refuses it.
    """
    limit, window = settings.KB_RATE_LIMITS[scope]
    now = time.time()
    wait = 0
    for identity in _identities(request, scope):
        # A window opens at the first request it counts (not on the clock's minute), so a burst is
        # never split in two half-counted windows.
        key = f"kb:rate:{scope}:{_digest(identity)}"
        if cache.add(f"{key}:start", now, timeout=window):
            cache.set(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls: a new window
            cache.set(f"{key}:start", now, timeout=window)
            cache.set(key, 1, timeout=window)
            count = 1
        if count > limit:
            start = cache.get(f"{key}:start", now)
            wait = max(wait, math.ceil(start + window - now), 1)
    return wait or None


def _message(scope, seconds):
    return "{} {}".format(REASONS[scope], _("Réessayez dans %(seconds)d secondes.") % {"seconds": seconds})


def too_many_requests(request, scope, seconds):
    """429 page with the reason and when to come back, and a Retry-After header."""
    response = TemplateResponse(
        request,
        "kb/too_many_requests.html",
        {"page_title": _("Trop de demandes"), "message": _message(scope, seconds)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def too_many_requests_json(scope, seconds):
    response = JsonResponse({"error": _message(scope, seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response
