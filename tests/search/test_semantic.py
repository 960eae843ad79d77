"""The semantic side (search/semantic.py) on every engine: it finds what the words miss, never shows
what a reader may not read, and its absence leaves search lexical with a warning."""

import sys

from django.contrib.auth.models import Group
from django.core.checks import run_checks

import numpy as np
import pytest

from practices.factories import PracticeCategoryPageFactory
from search import fusion, ranking, semantic
from search.models import SearchDocument
from search.text import index_text
from tests.practices.conftest import make_procedure
from tests.search.conftest import restrict
from tests.tooling.conftest import make_category, make_tool

pytest.importorskip(semantic.MODEL_PACKAGE)

NEED = "un logiciel pour sauvegarder les ordinateurs"
MEANT = ("Archiviste", "Copie de secours automatique des machines de bureau sur le réseau.")
DECOYS = [
    ("Potager", "Calendrier des plantations de légumes et de l'arrosage."),
    ("Montage", "Éditeur vidéo non linéaire avec transitions et effets."),
]


@pytest.fixture
def semantic_on(settings):
    settings.KB_SEMANTIC_SEARCH = True
    semantic.problem.cache_clear()
    yield
    semantic.problem.cache_clear()


def tools(site_tree, index_now, entries):
    with index_now():
        category = make_category(site_tree["tools"], "Bureautique", "bureautique")
        return {title: make_tool(category, title, summary=summary) for title, summary in entries}


def titles(client, text, **params):
    answer = client.get("/api/search/", {"q": text, **params}).json()
    assert answer["notice"] == ""  # the engine under test answered, not the database fallback
    return [hit["title"] for hit in answer["results"]]


def test_the_need_and_the_description_share_no_word():
    assert not set(index_text(NEED).split()) & set(index_text(" ".join(MEANT)).split())


def test_the_semantic_side_finds_a_tool_whose_description_shares_no_word_with_the_query(
    client, site_tree, engine_name, index_now, semantic_on, settings
):
    tools(site_tree, index_now, [MEANT, *DECOYS])
    assert SearchDocument.objects.exclude(vector=None).filter(title="Archiviste").exists()
    assert titles(client, NEED)[:1] == ["Archiviste"]
    settings.KB_SEMANTIC_SEARCH = False  # the control: words alone find nothing
    assert "Archiviste" not in titles(client, NEED)


def test_a_restricted_document_never_comes_back_from_the_semantic_side(
    client, site_tree, people, engine_name, index_now, semantic_on
):
    made = tools(site_tree, index_now, [MEANT, *DECOYS])
    committee = Group.objects.create(name="Comité des sauvegardes")
    people["member_a"].groups.add(committee)
    with index_now():
        restrict(made["Archiviste"], "groups", [committee])
    anonymous = client.get("/api/search/", {"q": NEED}).json()
    assert anonymous["notice"] == ""
    assert "Archiviste" not in str(anonymous)
    assert all(hit["title"] != "Archiviste" for hit in anonymous["results"])
    # The positive control: a reader of the group finds it through the same semantic side.
    client.force_login(people["member_a"])
    assert titles(client, NEED)[:1] == ["Archiviste"]


def test_without_the_model_package_search_stays_lexical_and_check_says_so(
    client, site_tree, engine_name, index_now, semantic_on, monkeypatch
):
    monkeypatch.setitem(sys.modules, semantic.MODEL_PACKAGE, None)  # the import fails
    semantic.problem.cache_clear()
    assert not semantic.enabled()
    warnings = [message for message in run_checks() if message.id == "kbsearch.W002"]
    assert len(warnings) == 1 and "not installed" in warnings[0].msg
    tools(site_tree, index_now, [MEANT, *DECOYS])  # saving documents does not need the model
    assert SearchDocument.objects.filter(title="Archiviste", vector=None).exists()
    assert titles(client, "copie de secours") == ["Archiviste"]
    assert "Archiviste" not in titles(client, NEED)


def test_weights_that_are_not_the_pinned_ones_turn_the_side_off(semantic_on, monkeypatch):
    monkeypatch.setattr(semantic, "WEIGHTS_SHA256", "0" * 64)
    semantic.problem.cache_clear()
    assert "not the pinned ones" in semantic.problem()
    assert [message.id for message in run_checks() if message.id.startswith("kbsearch")] == ["kbsearch.W002"]


def test_the_pinned_weights_pass_the_check(semantic_on):
    assert semantic.problem() is None
    assert [message for message in run_checks() if message.id == "kbsearch.W002"] == []


def test_intent_is_read_from_the_query():
    assert ranking.intent("un logiciel pour numériser") == "tool"
    assert ranking.intent("Un OUTIL de suivi") == "tool"
    assert ranking.intent("comment configurer le wifi") == "way"
    assert ranking.intent("procedure de sauvegarde") == "way"
    assert ranking.intent("sauvegarder les postes") == ""


def test_neither_kind_buries_the_other():
    kinds = {1: "procedure", 2: "procedure", 3: "procedure", 4: "tool", 5: "tool", 6: "checklist"}
    order = [1, 2, 3, 6, 4, 5]
    assert ranking.by_kind(order, kinds.get, "") == order
    assert ranking.by_kind(order, kinds.get, "tool") == [4, 5, 1, 2, 3, 6]
    assert ranking.by_kind(order, kinds.get, "way") == [1, 2, 4, 3, 6, 5]


def test_every_engine_interleaves_the_kind_the_query_asks_for(client, site_tree, engine_name, index_now):
    with index_now():
        category = make_category(site_tree["tools"], "Bureautique", "bureautique")
        for title in ("Archiveur", "Rangeur"):
            make_tool(category, title, summary="Archivage des fichiers de la coopérative.")
        practices = PracticeCategoryPageFactory(
            parent=site_tree["practices"], title="Gestion", slug="gestion"
        )
        make_procedure(practices, "Archivage des courriels", "courriels", summary="Archivage mensuel.")
        make_procedure(practices, "Archivage des factures", "factures", summary="Archivage annuel.")
    tools = {"Archiveur", "Rangeur"}
    # The same word matches the same four documents: only the asked-for kind changes the order.
    asked_for_tools = [title in tools for title in titles(client, "logiciel archivage")]
    asked_for_ways = [title in tools for title in titles(client, "procédure archivage")]
    assert asked_for_tools == [True, True, False, False]
    assert asked_for_ways == [False, False, True, True]


def test_the_shared_step_fuses_then_interleaves():
    kinds = {1: "procedure", 2: "procedure", 3: "tool", 4: "tool"}
    relevance = {1: 10.0, 2: 8.0, 3: 1.0}
    assert fusion.final_order("sauvegarde", [1, 2, 3], relevance, kinds.get) == ([1, 2, 3], relevance)
    assert fusion.final_order("un outil de sauvegarde", [1, 2, 3], relevance, kinds.get)[0] == [3, 1, 2]
    # Document 4 the words missed, close in meaning, joins with its weighted score...
    cosines = semantic.Cosines(np.array([1, 2, 3, 4]), np.array([0.1, 0.1, 0.2, 0.9]))
    readable = {1, 2, 3, 4}
    order, scores = fusion.final_order("sauvegarde", [1, 2, 3], relevance, kinds.get, cosines, readable)
    assert order == sorted(scores, key=lambda pk: -scores[pk]) and set(order) == readable
    assert scores[4] == pytest.approx(ranking.BLEND * 0.9)
    # ...but never when it is not among those the reader may read and the filters let through.
    order, _ = fusion.final_order("sauvegarde", [1, 2, 3], relevance, kinds.get, cosines, {1, 2, 3})
    assert 4 not in order


def test_rank_fusion_rewards_what_both_sides_rank_high():
    order, scores = ranking.fuse([1, 2, 3], [3, 1, 4])
    assert order == [1, 3, 2, 4]
    assert scores[1] > scores[3] > scores[2] > scores[4] > 0
    cosines = {1: 0.1, 2: 0.2, 3: 0.9, 4: 0.5}
    order, scores = ranking.weighted([1, 2, 3], {1: 10.0, 2: 5.0, 3: 1.0}, [3, 4, 1], lambda pks: cosines)
    assert order == [3, 1, 4, 2]  # 0.66, 0.37, 0.35, 0.29 with BLEND 0.7
