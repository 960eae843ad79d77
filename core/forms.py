"""Admin upload forms for documents and images: a new file goes to « Documents des membres »
unless the uploader picks another collection.

Settings WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE name these forms."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.roles import members_collection


class MembersByDefault:
    def __init__(self, *args, **kwargs):
        chosen = "collection" in (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        private = members_collection()
        if self.instance._state.adding and not chosen and private is not None:
            self.initial["collection"] = private.pk


class DocumentForm(MembersByDefault, BaseDocumentForm):
    pass


class ImageForm(MembersByDefault, BaseImageForm):
    pass
