"""The in-process matrix of vectors (search.semantic.SemanticIndex) follows the index: a change or a
removal is read from the rows whose revision moved, the other documents' rows are kept."""

import numpy as np
import pytest

from search import semantic
from search.engines import get_database_engine
from tests.tooling.conftest import make_category, make_tool

pytest.importorskip(semantic.MODEL_PACKAGE)

NEED = "sauvegarder les ordinateurs du bureau"


@pytest.fixture
def semantic_on(settings):
    settings.KB_SEMANTIC_SEARCH = True
    semantic.problem.cache_clear()
    yield
    semantic.problem.cache_clear()


def closest(index, engine):
    metadata = engine._metadata.get()
    index.refresh(engine._metadata.version, metadata)
    ids, values = index.scores(semantic.query_vector(NEED))
    return dict(zip(ids.tolist(), values.tolist(), strict=True))


def test_the_matrix_follows_changes_and_removals(site_tree, index_now, semantic_on):
    with index_now():
        category = make_category(site_tree["tools"], "Bureautique", "bureautique")
        backup = make_tool(category, "Archiviste", summary="Copie de secours des ordinateurs du bureau.")
        garden = make_tool(category, "Potager", summary="Calendrier des plantations de légumes.")
        video = make_tool(category, "Montage", summary="Éditeur vidéo non linéaire.")
    engine, index = get_database_engine(), semantic.SemanticIndex()
    before = closest(index, engine)
    assert max(before, key=before.get) == backup.pk
    kept = index.scores(semantic.query_vector("un film"))[1][list(before).index(video.pk)]

    with index_now():
        backup.summary = "Recettes de cuisine végétarienne."
        backup.save_revision().publish()
        garden.unpublish()
    after = closest(index, engine)

    assert garden.pk not in after
    assert after[backup.pk] < before[backup.pk] - 0.2  # its new vector, not the old one
    ids, starts, matrix = index._state
    assert ids.tolist() == sorted(after) and len(starts) == len(ids)
    assert np.all(np.linalg.norm(matrix, axis=1) > 0.99)  # every row filled
    # The untouched document keeps its own vector.
    film = index.scores(semantic.query_vector("un film"))[1]
    assert film[ids.tolist().index(video.pk)] == pytest.approx(kept)
