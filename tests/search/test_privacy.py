"""Restricted, password-protected, unpublished and draft text never reaches a reader who may not
read it: not in results, counts, facets, excerpts, "did you mean" or autocomplete."""

import json

import pytest

SECRETS = {
    "members": "zorglubmembres",
    "editors": "zorglubediteurs",
    "login": "zorglubconnexion",
    "password": "zorglubmotdepasse",
    "draft": "zorglubbrouillon",
    "revision": "zorglubrevision",
}
# Who may read which secret (None: anonymous visitor).
READABLE = {
    None: set(),
    "outsider": {"login"},
    "member_a": {"members", "login"},
    "editor_a": {"members", "editors", "login"},
}


def api(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("reader", list(READABLE))
def test_secrets_found_only_by_allowed_readers(client, corpus, people, reader):
    if reader:
        client.force_login(people[reader])
    for name, word in SECRETS.items():
        data = api(client, "/api/search/", q=word)
        if name in READABLE[reader]:
            assert data["count"] == 1, (reader, name)
            assert word in data["results"][0]["excerpt"]
        else:
            assert data["count"] == 0, (reader, name)
            assert word not in json.dumps(data)
        typo = word[:-1] + ("x" if word[-1] != "x" else "y")
        suggested = api(client, "/api/search/", q=typo)
        assert (word in json.dumps(suggested)) == (name in READABLE[reader]), (reader, name)


@pytest.mark.parametrize("reader", list(READABLE))
def test_counts_facets_and_autocomplete_show_only_readable_pages(client, corpus, people, reader):
    if reader:
        client.force_login(people[reader])
    restricted_titles = {
        "members": "Coop Secrète",
        "editors": "Coop Réservée",
        "login": "Coop Connectée",
        "password": "Coop Verrouillée",
        "draft": "Coop Brouillon",
    }
    data = api(client, "/api/search/", q="coop texte", per_page=50)
    cooperatives = {item["value"] for item in data["facets"]["cooperative"]}
    titles = {hit["title"] for hit in data["results"]}
    suggestions = {s["title"] for s in api(client, "/api/search/suggest/", q="coop")["suggestions"]}
    for name, title in restricted_titles.items():
        visible = name in READABLE[reader]
        assert (title in titles) == visible, (reader, name)
        assert (title in cooperatives) == visible, (reader, name)
        assert (title in suggestions) == visible, (reader, name)
    public = {"Coop Alpha", "Coop Beta", "Coop Gamma", "Coop Delta", "Coop Epsilon"}
    assert data["count"] == len(public) + len(READABLE[reader])
    region_total = sum(item["count"] for item in data["facets"]["region"])
    assert region_total == data["count"]


def test_search_page_hides_restricted_titles(client, corpus):
    response = client.get("/recherche/", {"q": "coop"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Coop Gamma" in content
    for title in ("Coop Secrète", "Coop Réservée", "Coop Connectée", "Coop Verrouillée", "Coop Brouillon"):
        assert title not in content
    assert "no-store" in response["Cache-Control"]


def test_did_you_mean_chooses_a_word_the_reader_may_read(client, site_tree, people, engine_name, index_now):
    """A restricted-only word one edit away, more frequent than the public one, must neither be
    chosen and hidden (the public would lose the correction) nor be shown."""
    from tests.search.conftest import make_coop, restrict

    ara = site_tree["region_ara"]
    with index_now():
        make_coop(ara, "Coop Bastion", "coop-bastion", "Un bastion de la sécurité.")
        for n in range(3):
            secret = make_coop(ara, f"Coop Interne {n}", f"coop-interne-{n}", "Le bastien du comité.")
            restrict(secret, "login")
    public = api(client, "/api/search/", q="bastiun")
    assert public["suggestion"] == "bastion"
    assert [hit["title"] for hit in public["results"]] == ["Coop Bastion"]
    client.force_login(people["member_a"])
    signed_in = api(client, "/api/search/", q="bastiun")
    # Both words are readable here: which one is each engine's ranking, the contract is readability.
    assert signed_in["suggestion"] in {"bastion", "bastien"}
    assert signed_in["count"] >= 1
