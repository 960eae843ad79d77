"""Script and HTML written by members or editors never run on the site."""

from django.core.cache import cache

import pytest
from bs4 import BeautifulSoup

from practices.factories import CommentFactory
from practices.rendering import render_comment
from tests.practices.conftest import make_checklist, make_procedure

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '"><script>alert(1)</script>',
    '<p style="background:url(javascript:alert(1))">style</p>',
]
ACTIVE_TAGS = ["script", "img", "svg", "iframe", "object", "embed", "style"]


def assert_inert(html):
    """No element that runs code: no script-like tags, no on* handlers, no javascript: links."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all(ACTIVE_TAGS) == []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), element
            assert name.lower() != "style", element
            assert "javascript:" not in str(value).lower(), element


@pytest.mark.parametrize("payload", PAYLOADS)
def test_comment_rendering_is_inert(payload):
    assert_inert(render_comment(payload))


def test_markdown_links_get_nofollow_ugc():
    html = render_comment("Voir [la doc](https://example.org/doc).")
    assert '<a href="https://example.org/doc" rel="nofollow ugc">la doc</a>' in html


def test_comment_payloads_come_out_inert_on_the_page(client, procedure, people):
    cache.clear()
    for payload in PAYLOADS:
        CommentFactory(page=procedure, author=people["member_a"], body=payload)
    page_html = client.get(procedure.url).content.decode()
    comments_html = page_html.split('id="commentaires"')[1].split("</main>")[0]
    assert_inert(comments_html)


def test_block_field_payloads_come_out_inert(client, category, people):
    payload = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
    procedure = make_procedure(category, title=payload, slug="xss-procedure", roles=payload)
    procedure.steps = [
        {
            "type": "step",
            "value": {"title": payload, "instructions": "<p>ok</p>", "tip": payload, "warning": payload},
        }
    ]
    procedure.save_revision().publish()
    checklist = make_checklist(category, slug="xss-checklist", summary=payload)
    checklist.sections = [
        {
            "type": "section",
            "value": {
                "title": payload,
                "items": [{"criterion": payload, "verification": payload, "blocking": True}],
            },
        }
    ]
    checklist.save_revision().publish()

    for page in (procedure, checklist):
        html = client.get(page.url).content.decode()
        main = html.split('<main id="main"')[1].split("</main>")[0]
        assert_inert(main)
        assert "&lt;script&gt;" in main  # shown as text, escaped
    assert_inert(client.get(category.url).content.decode().split('<main id="main"')[1].split("</main>")[0])
