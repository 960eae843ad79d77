"""Comment text: a small Markdown subset, sanitised so no HTML or script from a member ever runs."""

from django.utils.safestring import mark_safe

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_comment(text):
    # Markdown keeps raw HTML as is; nh3 then drops every tag and attribute outside the subset
    # (with the content of <script>/<style>), and marks links as user content.
    html = markdown.markdown(text, extensions=["nl2br", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc",
    )
    return mark_safe(cleaned)  # noqa: S308  (nh3's output holds only the allowed subset)
