"""The search contract between page models and the site's search (search/engines/README.md,
« The search contract »): a page model that mixes in `Searchable` is indexed, and its `search_data`
says what its document holds.

Shared by every app's page models, so it imports no page model and no feature app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # core.access reads the page models: imported at run time, it would make a circle
    from core.access import Restrictions


@dataclass(frozen=True)
class SearchData:
    """What the site's search knows of one page for one audience: plain text, no HTML, and only
    what every reader of that audience may read (the cooperatives it names, the reviews it counts)."""

    kind: str  # "procedure", "checklist", "tool", "review" or "cooperative" (search.engines.base.KINDS)
    title: str
    summary: str = ""
    body: str = ""
    comments: str = ""  # readers' comments: the lightest text
    tags: Sequence[str] = ()
    category: str = ""
    region: str = ""
    cooperatives: Sequence[str] = ()  # the cooperatives the page names
    ring: str = ""  # a radar ring (tooling.scoring.Ring)
    score: float | None = None  # a rating from 1 to 5
    external_id: str = ""  # the record an import made the page from
    section: str = ""  # a tool's Debian section, when it came from a package list (search.families)
    date: datetime | None = None  # None: when the page was last published


class Searchable:
    """Mixin of the page models the site's search indexes (search.documents finds them by it)."""

    def search_data(self, audience: frozenset[str], restrictions: Restrictions) -> SearchData | None:
        """The document of this live page for readers of `audience` (`restrictions` tells what
        they may read); None keeps the page out of the index for them."""
        raise NotImplementedError

    def search_dependents(self) -> list[int]:
        """Pages whose documents show something of this one: re-indexed when it changes."""
        return []

    @classmethod
    def prefetch_search_data(cls, pages: list[Searchable]) -> None:
        """Load for a batch of pages of this model what their `search_data` reads from other tables
        (kept on each page), rather than a few queries per page. Nothing by default."""
