"""Media files served to the readers core.access allows: the only way into MEDIA_ROOT."""

import mimetypes

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse

from wagtail.images import get_image_model

from core import access


def serve_image_file(request, path, original=False):
    """An image's original file (`original_images/…`) or one of its renditions (`images/…`), from
    the media storage, to the readers core.access allows. The only route into MEDIA_ROOT: documents
    go through Wagtail's serve view (core.wagtail_hooks), nothing is served raw."""
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


def refuse_file(request, audience, password_form=False):
    """None when the reader may have the file; else the login page (anonymous) or a 403.
    `password_form`: leave a collection's password to Wagtail's own form (documents only)."""
    if audience != access.PUBLIC_AUDIENCE:
        request.kb_restricted = True  # never cached (core.middleware.PrivateContentMiddleware)
    reader = access.Reader.from_request(request)
    if reader.can_read(audience):
        return None
    if password_form and any(token.startswith("password:collection:") for token in audience):
        return None  # Wagtail's own hook asks for the collection's password
    if reader.user_id is None:
        return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    return TemplateResponse(request, "kb/file_forbidden.html", status=403)
