from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class PrivateContentMiddleware:
    """Keep restricted and personalised pages out of shared caches and browser history.

    A page behind a view restriction (and the login redirect it answers with) is marked
    by the `before_serve_page` hook in core.wagtail_hooks; any response to a signed-in user
    may carry their name or members-only content.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "kb_restricted", False):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class ContentSecurityPolicyMiddleware:
    """Send the site's content security policy on public pages (not on the Wagtail admin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(settings.KB_CSP_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", settings.KB_CSP)
        return response
