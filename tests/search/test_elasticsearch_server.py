"""The Elasticsearch engine against a running server (KB_TEST_ELASTICSEARCH_URL or the OpenSearch node)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engines.base import FACETS, SORTS, Reader, SearchQuery
from search.models import SearchDocument

pytestmark = pytest.mark.django_db  # the curated synonyms are read from the database

ANONYMOUS = Reader.anonymous()
MEMBER = Reader(tokens=frozenset({"public", "login", "group:1"}))
MEMBER_OF_GROUP_7 = Reader(tokens=frozenset({"public", "login", "group:1", "group:7"}))
START = datetime(2026, 1, 1, tzinfo=UTC)


def row(page_id, title, days=0, **fields):
    fields.setdefault("audience", ["public"])
    fields.setdefault("kind", "procedure")
    return SearchDocument(
        page_id=page_id, title=title, url=f"/page/{page_id}/", date=START + timedelta(days=days), **fields
    )


ROWS = [
    row(1, "Événements de sauvegarde", summary="Sauvegarder les serveurs chaque nuit", days=1),
    row(2, "Choisir un outil de ticketing", body="L'outil doit gérer les files.", kind="tool", days=2),
    row(3, "Charte graphique", body="Couleurs et typographies", category="Communication", days=3),
    row(4, "Procédure secrète", body="Le mot vorpalissime est réservé", audience=["login"], days=4),
    row(5, "Plan de groupe", body="Le mot brilligorne est réservé", audience=["group:7"], days=5),
]


def search(engine, text="", reader=ANONYMOUS, **kwargs):
    return engine.search(SearchQuery(text=text, reader=reader, **kwargs))


def ids(results):
    return [hit.page_id for hit in results.hits]


@pytest.fixture
def loaded(es_engine):
    assert es_engine.rebuild(ROWS) == len(ROWS)
    return es_engine


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("evenement", 1),  # accents and case
        ("ÉVÉNEMENTS", 1),
        ("sauvegardes", 1),  # inflections: sauvegarder
        ("l'outil", 2),  # elision
        ("outils", 2),
        ("typographie", 3),
        ("sauvgarde", 1),  # one typo in a word of five letters or more
    ],
)
def test_french_aware_matching(loaded, text, expected):
    assert ids(search(loaded, text))[:1] == [expected]


def test_excerpt_is_highlighted(loaded):
    [hit] = search(loaded, "typographies").hits
    assert "<mark>typographies</mark>" in hit.excerpt


@pytest.mark.parametrize(
    ("reader", "word", "visible"),
    [
        (ANONYMOUS, "vorpalissime", False),
        (MEMBER, "vorpalissime", True),
        (MEMBER, "brilligorne", False),
        (MEMBER_OF_GROUP_7, "brilligorne", True),
        (Reader(sees_everything=True), "brilligorne", True),
    ],
)
def test_restricted_words_only_for_allowed_readers(loaded, reader, word, visible):
    results = search(loaded, word, reader=reader)
    assert (results.count == 1) is visible
    assert bool(results.hits) is visible
    assert (sum(count for _, count in results.facets["kind"]) == 1) is visible
    title = {"vorpalissime": "Procédure", "brilligorne": "Plan"}[word]
    assert bool(loaded.suggest(title, reader)) is visible


def test_counts_and_facets_only_count_readable_documents(loaded):
    anonymous, member = search(loaded), search(loaded, reader=MEMBER)
    assert (anonymous.count, member.count) == (3, 4)
    assert dict(anonymous.facets["kind"]) == {"procedure": 2, "tool": 1}
    assert dict(member.facets["kind"]) == {"procedure": 3, "tool": 1}


def test_did_you_mean_only_from_readable_titles(loaded):
    # One edit from a word of "Plan de groupe", which is for group 7 only.
    assert search(loaded, "groupz", reader=MEMBER).suggestion == ""
    assert search(loaded, "groupz", reader=ANONYMOUS).suggestion == ""
    assert search(loaded, "groupz", reader=MEMBER_OF_GROUP_7).suggestion == "groupe"


def test_more_than_ten_facet_values_and_combined_filters(es_engine):
    tags_rows = [row(100 + i, f"Outil numéro {i}", tags=[f"tag{i:02}"], kind="tool") for i in range(25)]
    es_engine.rebuild([*tags_rows, *ROWS])
    results = search(es_engine, "outil")
    assert len(results.facets["tags"]) == 25
    narrowed = search(es_engine, "outil", filters={"kind": ("tool",), "tags": ("tag03", "tag07")})
    assert sorted(ids(narrowed)) == [103, 107]
    assert narrowed.count == 2
    # Each facet counts with the other facets' selections applied, not its own.
    assert dict(narrowed.facets["kind"]) == {"tool": 2}
    assert len(narrowed.facets["tags"]) == 25


def test_sort_by_date_and_paginate(loaded):
    newest_first = search(loaded, reader=MEMBER_OF_GROUP_7, sort="date")
    assert ids(newest_first) == [5, 4, 3, 2, 1]
    second_page = search(loaded, reader=MEMBER_OF_GROUP_7, sort="date", page=2, per_page=2)
    assert ids(second_page) == [3, 2]
    assert second_page.count == 5


def test_autocomplete_with_and_without_accents(loaded):
    # wagtail#13005: accented prefixes must find accented titles, and plain prefixes too.
    for prefix in ("évén", "even", "Éve", "evenements de sauv"):
        assert [s.url for s in loaded.suggest(prefix, ANONYMOUS)] == ["/page/1/"], prefix
    assert loaded.suggest("   ", ANONYMOUS) == []


@pytest.mark.parametrize("text", ['"', "🦊" * 50, "x" * 10_000, "\x00\x1b[31m", "*:*", "-"])
def test_hostile_input_finds_nothing(loaded, text):
    results = search(loaded, text)
    assert results.count == 0 and results.hits == []


@pytest.mark.parametrize(
    ("text", "words"), [("plan AND OR NOT (", "plan and or not"), ("title:plan*", "title plan")]
)
def test_query_syntax_is_read_as_words(loaded, text, words):
    expected = search(loaded, words, reader=MEMBER_OF_GROUP_7)
    assert expected.count > 0
    assert ids(search(loaded, text, reader=MEMBER_OF_GROUP_7)) == ids(expected)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=300),
    filters=st.dictionaries(st.sampled_from(FACETS), st.lists(st.text(max_size=30), max_size=3).map(tuple)),
    sort=st.sampled_from(SORTS),
    page=st.integers(min_value=1, max_value=10**9),
    per_page=st.integers(min_value=1, max_value=100),
)
def test_any_query_gets_an_answer(loaded, text, filters, sort, page, per_page):
    query = SearchQuery(text=text, filters=filters, sort=sort, page=page, per_page=per_page)
    results = loaded.search(query)
    assert 0 <= len(results.hits) <= per_page
    assert results.count <= len(ROWS)
    loaded.suggest(text, ANONYMOUS)


def test_index_and_delete_documents(es_engine):
    es_engine.index_documents([row(7, "Hébergement mutualisé")])  # creates the index on first use
    assert ids(search(es_engine, "hebergement")) == [7]
    es_engine.index_documents([row(7, "Hébergement dédié")])  # replaces
    assert [hit.title for hit in search(es_engine, "hebergement").hits] == ["Hébergement dédié"]
    es_engine.delete_documents([7, 999])  # an unknown id is ignored
    assert search(es_engine, "hebergement").count == 0


def test_rebuild_swaps_alias_without_downtime(es_engine):
    es_engine.rebuild(ROWS)
    [first_index] = es_engine.client.indices.get_alias(name=es_engine.alias).body

    def replacement_rows():
        yield row(9, "Nouvelle charte graphique", days=9)
        # Mid-rebuild, readers still get the complete old index.
        assert ids(search(es_engine, "charte")) == [3]

    progress = []
    assert es_engine.rebuild(replacement_rows(), progress=progress.append) == 1
    assert progress == [1]
    [second_index] = es_engine.client.indices.get_alias(name=es_engine.alias).body
    assert second_index != first_index
    assert not es_engine.client.indices.exists(index=first_index)
    assert ids(search(es_engine, "charte")) == [9]
