from .pages import ReviewPage, ToolCategoryPage, ToolIndexPage, ToolPage, ToolReferent, ToolTag, ToolUsage
from .watch import WatchDuty

__all__ = [
    "ReviewPage",
    "ToolCategoryPage",
    "ToolIndexPage",
    "ToolPage",
    "ToolReferent",
    "ToolTag",
    "ToolUsage",
    "WatchDuty",
]
