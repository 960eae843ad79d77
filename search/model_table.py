"""The embedding model's vocabulary table (one row of bytes per word piece: 128,010 rows of 512, 63 MB),
read from a file a row at a time instead of held in memory.

A query reads the rows of its own dozen pieces, and the corpus uses a small part of the vocabulary
(most pieces are of other scripts): rows are read from the file when first asked for and kept, so a
process holds the pieces it met, not the table. A file mapped into memory was tried first: the
kernel maps the pages around each row read, and after 200 queries two thirds of the table were
resident (bench/semantic_memory.py).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)


class TableFile:
    """Rows of a 2-D uint8 array saved by numpy (.npy), as `table[ids]` reads them: (len(ids), width)."""

    def __init__(self, path: Path):
        with open(path, "rb") as file:
            version = np.lib.format.read_magic(file)
            read_header = {(1, 0): np.lib.format.read_array_header_1_0}.get(
                version, np.lib.format.read_array_header_2_0
            )
            shape, fortran, dtype = read_header(file)
            self._offset = file.tell()
        if len(shape) != 2 or fortran or dtype != np.uint8:
            raise ValueError(f"{path} does not hold a table of bytes")
        self.shape, self.dtype = shape, dtype
        self._descriptor = os.open(path, os.O_RDONLY)
        self._rows: dict[int, bytes] = {}  # piece id -> its row, the pieces met so far

    def __getitem__(self, ids) -> np.ndarray:
        width, rows = self.shape[1], self._rows
        pieces = np.asarray(ids).tolist()
        for piece in set(pieces) - rows.keys():
            if not 0 <= piece < self.shape[0]:
                raise IndexError(f"piece {piece} is not in the table")
            rows[piece] = os.pread(self._descriptor, width, self._offset + piece * width)
        joined = b"".join([rows[piece] for piece in pieces])
        return np.frombuffer(joined, dtype=np.uint8).reshape(len(pieces), width)

    @property
    def nbytes(self) -> int:
        """What the rows read so far hold."""
        return len(self._rows) * self.shape[1]


def on_disk(table: np.ndarray, path: Path):
    """`table` as a TableFile at `path`, written there first if it is not (atomically: processes
    starting together each write their own and the last one wins, all the same bytes); the table
    itself when the file cannot be written or read."""
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as file:
                np.save(file, table)
            os.chmod(file.name, 0o644)  # readable by every process of the site, as the weights are
            os.replace(file.name, path)
        on_file = TableFile(path)
    except (OSError, ValueError) as error:
        logger.warning("the model's table stays in memory: %s", error)
        return table
    if on_file.shape != table.shape:
        logger.warning("the model's table stays in memory: %s is not its table", path)
        return table
    return on_file
