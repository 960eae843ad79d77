"""The side-by-side bench's pure parts: the table it prints and the queries it singles out."""

from bench.engines import disagreements, engine_environment, markdown_table


def figures(ndcg, **changes):
    return {
        "engine": "sqlite",
        "documents": 21509,
        "reindex_s": 15.04,
        "rebuild_s": 6.3,
        "requests": 249,
        "api_p50": 8.0,
        "api_p95": 30.0,
        "fts5_p50": 2.0,
        "fts5_p95": 10.0,
        "queries": ["serveur web", "tunnel chiffre"],
        "ndcg": ndcg,
        "recall": [0.5, 1.0],
        "load_average": "1.0 1.2 1.3",
        **changes,
    }


def test_table_has_one_column_per_engine_in_a_fixed_order_with_ratios_to_the_floor():
    results = {
        "elasticsearch": figures([0.2, 0.9], server="opensearch 2.19.0", api_p50=20.0),
        "sqlite": figures([1.0, 0.8]),
    }
    lines = markdown_table(results).splitlines()
    assert lines[0] == "| figure | SQLite FTS5 | Elasticsearch engine (opensearch 2.19.0) |"
    assert lines[1] == "|---|---|---|"
    assert "| search documents | 21,509 | 21,509 |" in lines
    assert "| ratio API / naive FTS5, p50 / p95 | 4.00x / 3.00x | 10.00x / 3.00x |" in lines
    assert "| nDCG@10 / recall@10, 2 judged queries | 0.900 / 0.750 | 0.550 / 0.750 |" in lines


def test_disagreements_put_the_widest_gap_first_and_leave_out_ties():
    results = {"sqlite": figures([1.0, 0.5]), "postgresql": figures([0.2, 0.5])}
    assert disagreements(results) == [("serveur web", {"sqlite": 1.0, "postgresql": 0.2})]


def test_each_engine_process_gets_only_its_own_database_and_engine(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://elsewhere/kb")
    monkeypatch.setenv("KB_ELASTICSEARCH_URL", "http://elsewhere:9200")
    sqlite = engine_environment("sqlite", "postgres://localhost/esbench_bench")
    assert "DATABASE_URL" not in sqlite and "KB_ELASTICSEARCH_URL" not in sqlite
    assert sqlite["KB_SEARCH_ENGINE"] == "database"
    postgres = engine_environment("postgresql", "postgres://localhost/esbench_bench")
    assert postgres["DATABASE_URL"] == "postgres://localhost/esbench_bench"
    elastic = engine_environment(
        "elasticsearch", "postgres://localhost/esbench_bench", "http://127.0.0.1:1234"
    )
    assert elastic["KB_SEARCH_ENGINE"] == "elasticsearch"
    assert elastic["KB_ELASTICSEARCH_URL"] == "http://127.0.0.1:1234" and "DATABASE_URL" not in elastic
