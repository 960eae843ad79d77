import mimetypes

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model

from kb import access
from kb.site_plan import site_plan_context


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    # Not True: a signed-in reader sent here by a page restricted to a group they are not in would
    # be redirected back to that page, and again here, for ever. They get the form to switch account.
    redirect_authenticated_user = False
    extra_context = {"page_title": _("Connexion")}


def serve_image_file(request, path, original=False):
    """An image's original file (`original_images/…`) or one of its renditions (`images/…`), from
    the media storage, to the readers kb.access allows. The only route into MEDIA_ROOT: documents
    go through Wagtail's serve view (kb.wagtail_hooks), nothing is served raw."""
    if "\x00" in path:  # no stored file name has one (and PostgreSQL refuses it in a query)
        raise Http404
    Image = get_image_model()
    if original:
        image = Image.objects.filter(file=f"original_images/{path}").first()
        file = image.file if image else None
    else:
        rendition = Image.get_rendition_model().objects.filter(file=f"images/{path}").first()
        image, file = (rendition.image, rendition.file) if rendition else (None, None)
    if image is None:
        raise Http404
    refused = refuse_file(request, access.media_audience(image))
    if refused is not None:
        return refused
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"  # as Wagtail does for documents
    return response


def site_plan(request):
    """« Plan du site »: every page this reader may read, section by section."""
    if request.user.is_authenticated:
        request.kb_restricted = True  # it may list members-only pages: never cached
    context = {"page_title": _("Plan du site"), **site_plan_context(request)}
    return TemplateResponse(request, "kb/site_plan.html", context)


def refuse_file(request, audience, password_form=False):
    """None when the reader may have the file; else the login page (anonymous) or a 403.
    `password_form`: leave a collection's password to Wagtail's own form (documents only)."""
    if audience != access.PUBLIC_AUDIENCE:
        request.kb_restricted = True  # never cached (kb.middleware.PrivateContentMiddleware)
    reader = access.Reader.from_request(request)
    if reader.can_read(audience):
        return None
    if password_form and any(token.startswith("password:collection:") for token in audience):
        return None  # Wagtail's own hook asks for the collection's password
    if reader.user_id is None:
        return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    return TemplateResponse(request, "kb/file_forbidden.html", status=403)


def not_found(_request):
    """A 404 for addresses that cannot name anything (see kb/urls.py)."""
    raise Http404
