"""The search page and the JSON API: shape, parameters, messages, logs, and a fuzz test."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engines.base import FACETS
from search.models import SearchLog


def test_api_shape(client, corpus):
    data = client.get("/api/search/", {"q": "evenements"}).json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert {"kind", "title", "url", "excerpt", "external_id", "cooperative", "date"} <= set(hit)
    assert hit["title"] == "Coop Gamma"
    assert hit["cooperative"] == "Coop Gamma"
    assert set(data["facets"]) == set(FACETS)
    assert data["facets"]["kind"] == [{"value": "cooperative", "count": 1}]


def test_page_filters_are_links_that_combine(client, corpus):
    response = client.get("/recherche/", {"q": "coop", "region": "Île-de-France"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Coop Epsilon" in content
    assert "Coop Gamma" not in content
    assert "region=%C3%8Ele-de-France" in content  # current filter kept in the facet links


def test_did_you_mean_on_page(client, corpus):
    content = client.get("/recherche/", {"q": "facturatoin"}).content.decode()
    assert "Vouliez-vous dire" in content
    assert "facturation" in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "coop", "page": "abc"}, "nombre entier"),
        ({"q": "coop", "page": "0"}, "entre 1 et"),
        ({"q": "coop", "sort": "hasard"}, "Tri inconnu"),
        ({"q": "coop", "couleur": "bleu"}, "Paramètre inconnu"),
    ],
)
def test_bad_parameters_get_a_clear_message(client, corpus, params, message):
    api = client.get("/api/search/", params)
    assert api.status_code == 400
    assert message in api.json()["error"]
    page = client.get("/recherche/", params)
    assert page.status_code == 400
    assert message in page.content.decode()


def test_empty_query(client, corpus):
    assert client.get("/api/search/").json()["count"] == 0
    assert "Saisissez" in client.get("/recherche/").content.decode()


def test_searches_are_logged_without_personal_data(client, corpus, people):
    client.force_login(people["member_a"])
    client.get("/api/search/", {"q": "  Événements  "})
    client.get("/recherche/", {"q": "introuvablissime"})
    logs = {log.query: log.result_count for log in SearchLog.objects.all()}
    assert logs == {"evenements": 1, "introuvablissime": 0}
    field_names = {field.name for field in SearchLog._meta.get_fields()}
    assert field_names == {"id", "query", "day", "searches", "result_count", "engine"}


def test_no_inline_script_on_the_page(client, corpus):
    content = client.get("/recherche/", {"q": "coop"}).content.decode()
    assert "<script>" not in content
    assert 'src="/static/js/search.js"' in content


PARAM_NAMES = st.sampled_from(["q", "page", "sort", "per_page", *FACETS, "x", "q[]", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.lists(st.tuples(PARAM_NAMES, st.text(max_size=300)), max_size=6))
def test_fuzz_never_5xx(client, corpus, params):
    for path in ("/recherche/", "/api/search/", "/api/search/suggest/"):
        response = client.get(path, params)
        assert response.status_code < 500, (path, params)
