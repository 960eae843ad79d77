"""Fuzz every public route and form: odd input gets a 4xx with a message, never a 5xx, and a
rejected request changes nothing stored.

Routes come from the URL configuration and from the RoutablePage routes of the pages built here
(practices, tools, the tool index and categories): their converters (<int:…>, <slug:…>, <str:…>)
and regex groups are filled with drawn values; page paths come from the live pages. Values are
arbitrary text, numbers beyond 64 bits, Unicode digits, NUL bytes, 10,000-character strings,
repeated parameters, sent by GET and by POST, anonymously and as a member.
"""

import hashlib
import re
from urllib.parse import quote, urlencode

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Revision

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from practices.models import Comment
from search.models import SearchLog
from tests.privacy.abuse_content import build_content
from tooling.models import ReviewPage

PRIVATE_PREFIXES = ("admin/", "django-admin/")  # staff only: not public routes
ODD_VALUES = [
    "²",
    "٣٣",
    "١٢",
    "\x00",
    "1\x00",
    "a\x00b",
    str(2**63),
    str(2**64 + 1),
    "9" * 40,
    "-1",
    "0",
    "1e9",
    "x" * 10_000,
    "9" * 10_000,
    "é" * 300,
    "%",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\ud7ff\ue000",
    "🙂",
    " ",
    "",
]
# Parameters the site's forms and views read, plus noise.
PARAMETERS = [
    "q", "page", "per_page", "sort", "kind", "category", "tags", "region", "cooperative", "ring",
    "tools", "categorie", "type", "maturite", "tag", "competence", "ville", "next", "language",
    "body", "parent", "username", "password", "use_case", "team_size", "score_features",
    "score_usability", "score_operations", "score_maturity", "score_openness", "score_cost",
    "pros", "cons", "recommendation", "csrfmiddlewaretoken", "zz-unknown",
]  # fmt: skip

single_values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6),  # Unicode digits
)
values = st.one_of(
    st.sampled_from(ODD_VALUES), single_values, st.lists(single_values, min_size=2, max_size=4).map(",".join)
)
slot_values = st.one_of(
    st.sampled_from(["1", "²", "٣", str(2**63), "9" * 40, "x" * 300, "a\x00b", "flux", "rss", "atom"]),
    st.integers(min_value=0, max_value=2**80).map(str),
    st.text(min_size=1, max_size=20).filter(lambda text: "/" not in text),
)
# Any of the parameters at once (forms check each field), plus some repeated.
params = st.tuples(
    st.fixed_dictionaries({}, optional=dict.fromkeys(PARAMETERS, values)),
    st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=3),
).map(lambda drawn: [*drawn[0].items(), *drawn[1]])

CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _template(route):
    """A route as a URL with "{slot}" holes, or None for the page-path patterns (built from pages)."""
    if "(?:[\\w\\-]+/)" in route:
        return None  # wagtail_serve and practice_export: every page path, see page_templates()
    route = route.replace("^", "").replace("$", "")
    route = route.replace("(\\d+)", "{slot}").replace("(.*)", "{slot}")
    if "\\" in route:
        return None  # a guard pattern such as documents/\d{20,}/ (coopkb/urls.py): met by the slots
    return "/" + CONVERTER.sub("{slot}", route)


def url_templates():
    templates = {_template(route) for route in _walk(get_resolver().url_patterns)}
    return sorted(t for t in templates if t and not t.lstrip("/").startswith(PRIVATE_PREFIXES))


def page_templates():
    """One live page of each type (the same code serves them all), each RoutablePage route below it,
    its Markdown export and a made-up child path."""
    templates = set()
    seen_types = set()
    for page in Page.objects.live().order_by("path").specific():
        if type(page) in seen_types:
            continue
        seen_types.add(type(page))
        url = page.url
        if url is None:  # the tree's root, outside every site
            continue
        templates.update({url, url + "{slot}/", url + "export.md"})
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                templates.add(url + CONVERTER.sub("{slot}", str(pattern.pattern)))
    return sorted(templates)


def fill(template, slots):
    for slot in slots:
        template = template.replace("{slot}", quote(slot, safe=""), 1)
    return template.replace("{slot}", "1")


def stored_state():
    """What a rejected request must leave untouched (counts, newest ids, a checksum of comments)."""
    comments = hashlib.sha256(
        repr(list(Comment.objects.order_by("pk").values_list("pk", "body", "status", "edited"))).encode()
    ).hexdigest()
    return (
        Page.objects.count(),
        Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
        ReviewPage.objects.count(),
        get_user_model().objects.count(),
        comments,
        list(SearchLog.objects.order_by("pk").values_list("query", "searches")),
    )


@pytest.fixture
def routes(site_tree, people):
    cache.clear()
    content = build_content(site_tree, people)
    anonymous, member = Client(), Client()
    member.force_login(people["member_a"])
    templates = url_templates() + page_templates()
    yield {"templates": templates, "clients": [anonymous, member], "content": content}
    cache.clear()


def test_routes_cover_the_site(routes):
    """The derivation finds the routes this fuzz is about (so it cannot silently test nothing)."""
    templates = "\n".join(routes["templates"])
    for expected in [
        "/recherche/",
        "/api/search/",
        "/api/search/suggest/",
        "/compte/connexion/",
        "/i18n/setlang/",
        "/sitemap.xml",
        "/documents/{slot}/{slot}",
        "/outils/comparer/",
        "/outils/radar/{slot}/",
        "/outils/flux/{slot}/",
        "/outils/messagerie/radar/svg/",
        "/outils/messagerie/matrix/avis/nouveau/",
        "/pratiques/infrastructure/restaurer/versions/{slot}/",
        "/pratiques/infrastructure/restaurer/commentaires/{slot}/modifier/",
        "/pratiques/infrastructure/restaurer/commentaires/{slot}/supprimer/",
        "/pratiques/infrastructure/restaurer/export.md",
        "/reseau/auvergne-rhone-alpes/coop-alpha/",
    ]:
        assert expected in templates, expected


# Each route gets its own examples, so no route is left to chance.
FUZZ = settings(
    max_examples=3,  # drawn examples per route, after the EXPLICIT ones
    derandomize=True,  # the same examples on every run: no flaky failure in a colleague's suite
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Examples every route gets, whatever is drawn: each known parameter set to the same odd value.
EVERY_PARAMETER = [name for name in PARAMETERS if name != "zz-unknown"]
EXPLICIT = [
    (True, "57,²", "²"),  # a Unicode digit that str.isdigit() accepts and int() refuses
    (False, f"57,{2**64}", str(2**64)),  # beyond 64 bits
    (True, "1\x00", "1\x00"),  # a NUL byte
    (False, "٣" + "9" * 10_000, "9" * 10_000),  # Unicode digits, 10,000 characters
]


def with_explicit_examples(test):
    for as_member, value, slot in EXPLICIT:
        test = example(
            as_member=as_member, query=[(name, value) for name in EVERY_PARAMETER], slots=[slot, slot]
        )(test)
    return test


def fuzz_route(template, clients):
    @FUZZ
    @with_explicit_examples
    @given(as_member=st.booleans(), query=params, slots=st.lists(slot_values, min_size=2, max_size=2))
    def requests(as_member, query, slots):
        url = fill(template, slots)
        client = clients[as_member]
        form = {}
        for name, value in query:
            form.setdefault(name, []).append(value)  # repeated parameters stay repeated
        for method in ("get", "post"):
            before = stored_state()
            try:  # the test client re-raises a view's exception (a 500): name the request
                if method == "get":
                    response = client.get(url + ("?" + urlencode(query) if query else ""))
                else:
                    response = client.post(url, form)
            except Exception as error:
                raise AssertionError(f"{method.upper()} {url[:120]} → {error!r:.300}") from error
            assert response.status_code < 500, (method, url, query)
            if response.status_code >= 400:
                assert stored_state() == before, (method, url, query, response.status_code)

    requests()


def test_no_route_answers_5xx_and_rejected_input_stores_nothing(routes):
    assert len(routes["templates"]) > 30
    for template in routes["templates"]:
        fuzz_route(template, routes["clients"])
