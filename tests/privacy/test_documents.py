"""Documents and images are served only to the readers core.access allows (issue 11, finding 6).

Canaries: each file carries a unique word in its content (not in its URL, which the refusal page
may repeat). Denied readers never get it; allowed readers do (the positive controls), so a test
cannot pass by refusing everyone.
"""

import importlib
import io
import re
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve, reverse
from django.views import static

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo

from core.roles import MEMBERS, MEMBERS_COLLECTION, PUBLIC_COLLECTION
from kb.factories import RegionPageFactory
from tests.factories import PASSWORD

LOGIN_PREFIX = "/compte/connexion/?next="


def canary():
    return f"canari{uuid.uuid4().hex[:12]}"


def collection(name):
    return Collection.objects.get(name=name, depth=2)


def upload_document(word, into):
    return get_document_model().objects.create(
        title=f"Compte rendu {word}",
        file=ContentFile(
            f"Procès-verbal confidentiel : {word}\n".encode(), name=f"compte-rendu-{uuid.uuid4().hex[:8]}.txt"
        ),
        collection=into,
    )


def colour_of(word):
    """A colour only this canary's image has."""
    digest = int(uuid.uuid5(uuid.NAMESPACE_OID, word).hex[:6], 16)
    return (digest >> 16 & 255, digest >> 8 & 255, digest & 255)


def upload_image(word, into):
    buffer = io.BytesIO()
    info = PngInfo()
    info.add_text("Comment", word)
    PILImage.new("RGB", (40, 30), colour_of(word)).save(buffer, format="PNG", pnginfo=info)
    image = get_image_model()(title=f"Photo {word}", collection=into)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"photo-{uuid.uuid4().hex[:8]}.png")
    image.save()
    return image


def publish_region(site_tree, html, restricted_to=None):
    slug = f"region-{uuid.uuid4().hex[:8]}"
    page = RegionPageFactory(parent=site_tree["network"], title=f"Région {slug}", slug=slug, intro=html)
    if restricted_to is not None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(restricted_to)
    return page


def document_link(document):
    return f'<p>Voir <a linktype="document" id="{document.pk}">le compte rendu</a>.</p>'


def image_embed(image):
    return f'<embed embedtype="image" id="{image.pk}" format="left" alt="illustration"/>'


def fetch(client, url, user=None):
    client.logout()
    if user is not None:
        assert client.login(username=user, password=PASSWORD)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def assert_refused(client, url, word, signed_in=None):
    """Anonymous: sent to the login page; signed in (`signed_in`): 403. Never the canary."""
    response, body = fetch(client, url, signed_in)
    if signed_in is None:
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN_PREFIX), response["Location"]
    else:
        assert response.status_code == 403, (url, response.status_code)
    assert word.encode() not in body
    return response


def assert_served(client, url, word, user=None):
    response, body = fetch(client, url, user)
    assert response.status_code == 200, (url, response.status_code)
    assert word.encode() in body
    return response


def assert_image_served(client, url, word, user=None):
    response, body = fetch(client, url, user)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(body)).convert("RGB").getpixel((0, 0)) == colour_of(word)
    return response


def members():
    return Group.objects.get(name=MEMBERS)


@pytest.fixture(autouse=True)
def _forget_renditions():
    # Wagtail caches renditions by image id, and a rolled-back test leaves the same ids to the next one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def readers(people):
    """Anonymous (None), a signed-in user outside Membres, and a member."""
    return {"outsider": "outsider", "member": "member_a"}


# --- documents -----------------------------------------------------------------------------------


def test_document_in_members_collection_is_for_members_only(client, site_tree, readers):
    word = canary()
    document = upload_document(word, collection(MEMBERS_COLLECTION))

    assert_refused(client, document.url, word)
    assert_refused(client, document.url, word, signed_in=readers["outsider"])
    served = assert_served(client, document.url, word, user=readers["member"])
    assert "no-store" in served["Cache-Control"]
    # The file itself has no URL of its own under MEDIA_URL.
    response, body = fetch(client, settings.MEDIA_URL + document.file.name, readers["member"])
    assert response.status_code == 404
    assert word.encode() not in body


def test_public_document_linked_from_members_page_is_for_members_only(client, site_tree, readers):
    word = canary()
    document = upload_document(word, collection(PUBLIC_COLLECTION))
    publish_region(site_tree, document_link(document), restricted_to=members())

    assert_refused(client, document.url, word)
    assert_refused(client, document.url, word, signed_in=readers["outsider"])
    served = assert_served(client, document.url, word, user=readers["member"])
    assert "no-store" in served["Cache-Control"]


def test_public_document_linked_from_group_page_is_refused_to_members_outside_the_group(
    client, site_tree, people
):
    word = canary()
    document = upload_document(word, collection(PUBLIC_COLLECTION))
    editors_a = site_tree["coop_a"].editors_group
    publish_region(site_tree, document_link(document), restricted_to=editors_a)

    assert_refused(client, document.url, word)
    assert_refused(client, document.url, word, signed_in="member_b")  # a member, not an editor of A
    assert_served(client, document.url, word, user="editor_a")


def test_public_document_on_public_page_is_public_and_unfiled_documents_are_not(client, site_tree, readers):
    word = canary()
    document = upload_document(word, collection(PUBLIC_COLLECTION))
    page = publish_region(site_tree, document_link(document))
    assert document.url.encode() in fetch(client, page.url)[1]

    assert_served(client, document.url, word)
    assert_served(client, document.url, word, user=readers["outsider"])

    # A document left in Wagtail's root collection (nobody chose a collection) is members-only.
    unfiled_word = canary()
    unfiled = upload_document(unfiled_word, Collection.get_first_root_node())
    assert_refused(client, unfiled.url, unfiled_word)
    assert_refused(client, unfiled.url, unfiled_word, signed_in=readers["outsider"])
    assert_served(client, unfiled.url, unfiled_word, user=readers["member"])


def test_upload_forms_propose_the_members_collection(client, site_tree, people):
    private = collection(MEMBERS_COLLECTION)
    client.login(username="editor_a", password=PASSWORD)
    for url in ("/admin/documents/add/", "/admin/images/add/"):
        response = client.get(url)
        assert response.status_code == 200
        selected = re.findall(r'<option value="(\d+)"[^>]*\bselected\b', response.content.decode())
        assert selected == [str(private.pk)], url


def test_debug_media_route_serves_no_file_raw(site_tree):
    import coopkb.urls

    try:
        with override_settings(DEBUG=True):
            importlib.reload(coopkb.urls)
            clear_url_caches()
            for path in ("documents/x.txt", "original_images/x.png", "images/x.png"):
                try:
                    match = resolve(settings.MEDIA_URL + path, urlconf=coopkb.urls)
                except Resolver404:
                    continue
                assert match.func is not static.serve, path
    finally:
        importlib.reload(coopkb.urls)
        clear_url_caches()


# --- images --------------------------------------------------------------------------------------


def rendition_src(client, page, user=None):
    """The rendition URL the page's HTML gives this reader for its one embedded image."""
    response, body = fetch(client, page.url, user)
    assert response.status_code == 200
    sources = re.findall(r'<img[^>]+src="([^"]+)"', body.decode())
    return next(src for src in sources if src.startswith(settings.MEDIA_URL))


def test_members_image_shown_on_public_page_is_for_members_only(client, site_tree, readers):
    word = canary()
    image = upload_image(word, collection(MEMBERS_COLLECTION))
    page = publish_region(site_tree, image_embed(image))
    src = rendition_src(client, page)
    original = image.file.url

    for url in (src, original):
        assert_refused(client, url, word)
        assert_refused(client, url, word, signed_in=readers["outsider"])
    assert_image_served(client, src, word, user=readers["member"])
    assert_served(client, original, word, user=readers["member"])  # the original keeps its text chunk


def test_public_image_shown_on_members_page_is_for_members_only(client, site_tree, readers):
    word = canary()
    image = upload_image(word, collection(PUBLIC_COLLECTION))
    page = publish_region(site_tree, image_embed(image), restricted_to=members())
    src = rendition_src(client, page, readers["member"])
    original = image.file.url

    for url in (src, original):
        assert_refused(client, url, word)
        assert_refused(client, url, word, signed_in=readers["outsider"])
    served = assert_image_served(client, src, word, user=readers["member"])
    assert "no-store" in served["Cache-Control"]
    assert_served(client, original, word, user=readers["member"])


def test_public_image_on_public_page_is_public(client, site_tree, readers):
    word = canary()
    image = upload_image(word, collection(PUBLIC_COLLECTION))
    page = publish_region(site_tree, image_embed(image))
    src = rendition_src(client, page)

    assert_image_served(client, src, word)
    assert_served(client, image.file.url, word)
    assert_image_served(client, image.get_rendition("fill-20x20").url, word, user=readers["outsider"])


def test_password_collection_asks_its_password_then_serves(client, site_tree):
    word = canary()
    shared = collection(PUBLIC_COLLECTION).add_child(instance=Collection(name=f"Partage {word[-6:]}"))
    restriction = CollectionViewRestriction.objects.create(
        collection=shared, restriction_type=CollectionViewRestriction.PASSWORD, password="sesame-ouvre-toi"
    )
    document = upload_document(word, shared)

    response, body = fetch(client, document.url)
    assert response.status_code == 200
    assert b'name="password"' in body
    assert word.encode() not in body
    form_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    client.post(form_url, {"password": "wrong", "return_url": document.url})
    assert word.encode() not in b"".join(fetch_as_is(client, document.url))
    client.post(form_url, {"password": "sesame-ouvre-toi", "return_url": document.url})
    assert word.encode() in b"".join(fetch_as_is(client, document.url))


def fetch_as_is(client, url):
    """The body for the client's current session (no logout)."""
    response = client.get(url)
    return response.streaming_content if response.streaming else [response.content]
