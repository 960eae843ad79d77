from .pages import (
    ReviewPage,
    ToolAlternative,
    ToolCategoryPage,
    ToolIndexPage,
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
