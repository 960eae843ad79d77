"""A query's cosines (search.semantic.Cosines) are sorted only as far as a search reads them, and that
partial order is the head of the full stable sort: closest first, ties in id order."""

import numpy as np
import pytest

from search.semantic import Cosines


def full_sort(ids, values):
    return ids[np.argsort(-values, kind="stable")].tolist()


@pytest.fixture
def tied():
    """2,000 documents whose cosines take 40 values only: ties everywhere, at every cut."""
    generator = np.random.default_rng(7)
    ids = np.sort(generator.choice(100_000, size=2000, replace=False)).astype(np.int64)
    values = (generator.integers(0, 40, size=2000) / 40).astype(np.float32)
    return ids, values


@pytest.mark.parametrize("count", [0, 1, 7, 100, 511, 512, 1999, 2000, 5000])
def test_the_closest_few_are_the_head_of_the_full_sort(tied, count):
    ids, values = tied
    assert Cosines(ids, values).best(count) == full_sort(ids, values)[:count]


def test_reading_on_sorts_the_rest_in_the_same_order(tied):
    ids, values = tied
    cosines = Cosines(ids, values)
    cosines.FIRST = 16  # several slices over 2,000 documents
    assert cosines.best(5) == full_sort(ids, values)[:5]
    assert list(cosines.closest()) == full_sort(ids, values)
    assert cosines.best() == full_sort(ids, values)


def test_above_a_threshold_and_among_some():
    cosines = Cosines(np.array([1, 2, 3, 4, 5]), np.array([0.2, 0.9, 0.5, 0.9, 0.1], dtype=np.float32))
    assert list(cosines.above(0.5)) == [2, 4, 3]
    assert list(cosines.above(0.95)) == []
    assert cosines.order({1, 3, 5}, 2) == [3, 1]
    assert cosines.order({1, 3, 5}, 10) == [3, 1, 5]


def test_no_documents():
    cosines = Cosines(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    assert cosines.best(10) == [] and list(cosines.closest()) == [] and cosines.order({1}, 5) == []


@pytest.mark.parametrize("share", [0.01, 0.3, 1.0])
@pytest.mark.parametrize("depth", [1, 50, 200, 3000])
def test_the_closest_of_some_documents_are_read_from_the_full_sort(tied, share, depth):
    ids, values = tied
    generator = np.random.default_rng(int(share * 100) + depth)
    among = set(generator.choice(ids, size=int(share * len(ids)), replace=False).tolist())
    among |= {-5, 10**9}  # documents it holds no cosine for stay out
    expected = [pk for pk in full_sort(ids, values) if pk in among][:depth]
    assert Cosines(ids, values).order(among, depth) == expected
