from .index_pages import ToolCategoryPage, ToolIndexPage
from .pages import (
    ReviewPage,
    ToolAlternative,
    ToolPage,
    ToolReferent,
    ToolTag,
    ToolUsage,
)
from .watch import WatchDuty

__all__ = [
    "ReviewPage",
    "ToolAlternative",
    "ToolCategoryPage",
    "ToolIndexPage",
    "ToolPage",
    "ToolReferent",
    "ToolTag",
    "ToolUsage",
    "WatchDuty",
]
