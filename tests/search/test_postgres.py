"""What only the PostgreSQL engine does: its `kb_french` configuration, ts_headline excerpts, pg_trgm
typo correction and settings scoped to one statement (the shared behaviour is in test_contract.py)."""

from contextlib import contextmanager

from django.db import connection

import pytest

from search.engines.base import SearchQuery
from search.engines.postgres import PostgresEngine, query_sql
from search.models import SearchDocument, SearchTerm

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: run with DATABASE_URL=postgres://…"
)


def run(text):
    return PostgresEngine().search(SearchQuery(text=text))


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return cursor.fetchone()[0]


def lexemes(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('kb_french', %s))", [text])
        return set(cursor.fetchone()[0])


@pytest.mark.django_db
def test_config_folds_accents_and_stems():
    assert lexemes("Événements") == lexemes("evenement") == {"even"}
    assert lexemes("Œuvres") == lexemes("oeuvre")


@pytest.mark.django_db
def test_accented_stop_words_are_dropped_before_unaccent():
    assert lexemes("Il a été à même la table") == {"a", "tabl"}


def test_index_vector_is_built_by_postgresql(corpus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector @@ phraseto_tsquery('kb_french', 'evenements') FROM kbsearch_pgindex "
            "WHERE page_id = %s",
            [corpus["events"].pk],
        )
        assert cursor.fetchone() == (True,)


def test_query_words_with_or_without_accents_behave_alike(corpus, index_now):
    page = corpus["backup"]
    with index_now():
        page.summary = "Ce serveur a été sauvegardé."
        page.save_revision().publish()
    assert run("été").count == run("ete").count == 0
    assert [hit.title for hit in run("sauvegardé").hits] == [hit.title for hit in run("sauvegarde").hits]


def test_headline_is_escaped_and_marked(corpus, index_now):
    page = corpus["tool"]
    with index_now():
        page.summary = "Outil <script>alert(1)</script> & co \ue000faux\ue001"
        page.save_revision().publish()
    excerpt = run("outil").hits[0].excerpt
    assert excerpt == "<mark>Outil</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; co faux"


def test_headline_is_about_thirty_words_around_the_match(corpus, index_now):
    page = corpus["backup"]
    filler = " ".join(f"mot{number}" for number in range(60))
    with index_now():
        page.presentation = f"<p>{filler} un archivage quotidien {filler}</p>"
        page.save_revision().publish()
    excerpt = run("archivage").hits[0].excerpt
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "<mark>archivage</mark>" in excerpt
    assert 20 <= len(excerpt.split()) <= 34


@pytest.mark.django_db
def test_trigram_correction_is_one_edit_away_most_frequent_first():
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word="sauver", stem="sauv", display="sauver", documents=3),
            SearchTerm(word="sauter", stem="saut", display="sauter", documents=10),
            SearchTerm(word="sauvetage", stem="sauvetag", display="sauvetage", documents=50),
            SearchTerm(word="outil", stem="outil", display="outil", documents=1),
        ]
    )
    engine = PostgresEngine()
    assert engine._candidates("sauder")[0].word == "sauter"
    assert engine._candidates("otuil")[0].word == "outil"  # two letters swapped in a five-letter word
    assert engine._candidates("sauvetxxe") == []  # two edits away


def test_did_you_mean_uses_trigrams(corpus):
    results = run("factruation")
    assert results.suggestion == "facturation"
    assert [hit.title for hit in results.hits] == ["Coop Epsilon"]


def test_rank_is_weighted_ts_rank_without_normalisation(corpus):
    engine = PostgresEngine()
    analysed = engine.analyse("sauvegarder serveurs données")
    source, parameters = query_sql(analysed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, ts_rank('{{0.05, 0.3, 0.6, 1.0}}', vector, query, 0) * 100 "  # noqa: S608
            f"FROM kbsearch_pgindex, {source} WHERE vector @@ query",
            parameters,
        )
        expected = dict(cursor.fetchall())
    assert expected
    assert dict(engine._match(analysed)) == expected


@contextmanager
def plans_logged():
    """The plans of every statement the block runs, functions' inner statements included
    (auto_explain's log sent to this client as messages)."""
    connection.ensure_connection()
    messages = []
    connection.connection.add_notice_handler(lambda notice: messages.append(notice.message_primary))
    with connection.cursor() as cursor:
        cursor.execute("LOAD 'auto_explain'")
        for name, value in [("log_min_duration", "0"), ("log_nested_statements", "on")]:
            cursor.execute("SELECT set_config(%s, %s, true)", [f"auto_explain.{name}", value])
        cursor.execute("SET LOCAL client_min_messages = log")
    yield messages
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL client_min_messages = notice")
        cursor.execute("SET LOCAL auto_explain.log_min_duration = -1")


def test_the_match_is_planned_on_the_gin_index_even_where_a_scan_looks_cheaper(corpus):
    engine = PostgresEngine()
    analysed = engine.analyse("serveurs")
    source, parameters = query_sql(analysed)
    with plans_logged() as plans:
        matched = engine._match(analysed)
        ids = engine._match_ids(analysed)
        with connection.cursor() as cursor:  # the control: the same statement outside the function
            statement = f"SELECT page_id FROM kbsearch_pgindex, {source} WHERE vector @@ query"  # noqa: S608
            cursor.execute(statement, parameters)
    assert matched and sorted(ids) == sorted(page_id for page_id, _ in matched)
    control = [plan for plan in plans if "FROM kbsearch_pgindex, (SELECT" in plan]
    assert len(control) == 1 and "Seq Scan on kbsearch_pgindex" in control[0]  # a few rows: cheaper
    scans = [plan for plan in plans if "on kbsearch_pgindex" in plan and plan not in control]
    assert len(scans) == 2  # kbsearch_match's statement and kbsearch_match_ids'
    assert all("Bitmap Index Scan on kbsearch_pgindex_vector" in plan for plan in scans), scans
    assert not any("Seq Scan" in plan for plan in scans), scans


def test_sequential_scans_are_off_for_the_match_statement_only(corpus):
    # The test runs inside a transaction, as a request with ATOMIC_REQUESTS or a task would.
    assert run("serveurs").count
    assert setting("enable_seqscan") == "on"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    run("serveurs")
    assert setting("enable_seqscan") == "off"  # the caller's own choice is put back, not the default


@pytest.mark.django_db
def test_trigram_threshold_is_set_for_the_shortlist_only():
    SearchTerm.objects.create(word="outil", stem="outil", display="outil")
    assert PostgresEngine()._candidates("otuil")  # similarity 0.2: below pg_trgm's default of 0.3
    assert setting("pg_trgm.similarity_threshold") == "0.3"


def test_rebuild_leaves_no_pending_entries_in_the_gin_indexes(corpus):
    documents = list(SearchDocument.objects.all())
    assert PostgresEngine().rebuild(documents) == len(documents)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(index) FROM unnest(%s::regclass[]) AS index",
            [["kbsearch_pgindex_vector", "kbsearch_pgindex_words"]],
        )
        assert [pages for (pages,) in cursor.fetchall()] == [0, 0]  # pages still pending, per index
