"""Ids and numbers read from URLs and forms: Unicode digits and ids beyond 64 bits are refused
with a clear message (400 or 404), never a server error."""

from django.core.cache import cache

import pytest

from practices.models import Comment
from tests.privacy.abuse_content import build_content

HUGE = str(2**63)  # one more than the largest id the database can hold
HUGER = "9" * 40


@pytest.fixture
def content(site_tree, people):
    cache.clear()
    return build_content(site_tree, people)


@pytest.mark.parametrize("bad", ["²", "٣", HUGE, HUGER, "-1", "1e3"])
def test_compare_refuses_odd_ids_with_a_message(client, content, bad):
    response = client.get("/outils/comparer/", {"tools": f"{content['matrix'].pk},{bad}"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "numéros séparés par des virgules" in html or "Outil introuvable" in html


def test_compare_refuses_a_nul_byte(client, content):
    response = client.get("/outils/comparer/", {"tools": f"{content['matrix'].pk},1\x00"})
    assert response.status_code == 400


def test_compare_still_accepts_good_ids(client, content):
    response = client.get("/outils/comparer/", {"tools": f" {content['matrix'].pk} , {content['slack'].pk}"})
    assert response.status_code == 200


def test_compare_message_is_english_in_the_english_interface(client, content):
    client.cookies["django_language"] = "en"
    response = client.get("/outils/comparer/", {"tools": f"{content['matrix'].pk},²"})
    assert response.status_code == 400
    assert "comma-separated" in response.content.decode()


@pytest.mark.parametrize("bad", [HUGE, HUGER])
def test_version_beyond_64_bits_is_not_found(client, content, bad):
    assert client.get(f"{content['procedure'].url}versions/{bad}/").status_code == 404


@pytest.mark.parametrize("bad", [HUGER])
@pytest.mark.parametrize("action", ["modifier", "supprimer"])
def test_comment_id_beyond_64_bits_is_not_found(client, content, people, bad, action):
    client.force_login(people["member_a"])
    url = f"{content['procedure'].url}commentaires/{bad}/{action}/"
    assert client.post(url, {"body": "Nouveau texte"}).status_code == 404
    assert client.get(url).status_code in (404, 405)


@pytest.mark.parametrize("bad", [HUGER, "²"])
def test_reply_to_an_impossible_parent_is_refused(client, content, people, bad):
    client.force_login(people["member_a"])
    response = client.post(f"{content['procedure'].url}commentaires/", {"body": "Une réponse", "parent": bad})
    assert response.status_code == 400
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("field", ["team_size", "score_features"])
@pytest.mark.parametrize("bad", [HUGER, "²"])
def test_review_form_refuses_impossible_numbers(client, content, people, field, bad):
    from tests.tooling.test_review_form import VALID

    client.force_login(people["member_a"])
    response = client.post(content["matrix"].url + "avis/nouveau/", {**VALID, field: bad})
    assert response.status_code == 400


@pytest.mark.parametrize("param", ["page", "per_page"])
@pytest.mark.parametrize("bad", [HUGE, HUGER, "²", "٣٣", "1" * 5000])
def test_search_numbers_out_of_range_are_messages(client, content, param, bad):
    response = client.get("/api/search/", {"q": "sauvegarde", param: bad})
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.parametrize("bad", [HUGER, "²"])
def test_listing_page_numbers_never_fail(client, content, bad):
    for url in ["/pratiques/", content["category"].url, content["tools_category"].url, "/reseau/"]:
        assert client.get(url, {"page": bad}).status_code in (200, 404), url
