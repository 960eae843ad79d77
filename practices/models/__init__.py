from .comments import Comment
from .pages import PracticeCategoryPage, PracticeIndexPage
from .practice import ChecklistPage, ChecklistTag, Maturity, ProcedurePage, ProcedureTag, Visibility

__all__ = [
    "ChecklistPage",
    "ChecklistTag",
    "Comment",
    "Maturity",
    "PracticeCategoryPage",
    "PracticeIndexPage",
    "ProcedurePage",
    "ProcedureTag",
    "Visibility",
]
