"""Which pages a member may follow: content and the places that gather it."""

from kb.models import CooperativePage, RegionPage
from practices.models import ChecklistPage, PracticeCategoryPage, ProcedurePage
from tooling.models import ToolCategoryPage, ToolPage

FOLLOWABLE = (
    ProcedurePage,
    ChecklistPage,
    PracticeCategoryPage,
    ToolPage,
    ToolCategoryPage,
    CooperativePage,
    RegionPage,
)


def is_followable(page) -> bool:
    return page is not None and issubclass(page.specific_class or type(page), FOLLOWABLE)
