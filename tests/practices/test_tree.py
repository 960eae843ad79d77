from wagtail.test.utils import WagtailPageTestCase

from kb.models import CooperativePage, HomePage, NetworkPage
from practices.models import ChecklistPage, PracticeCategoryPage, PracticeIndexPage, ProcedurePage


class PracticeTreeRulesTests(WagtailPageTestCase):
    def test_categories_live_under_the_practices_index_only(self):
        self.assertCanCreateAt(PracticeIndexPage, PracticeCategoryPage)
        self.assertCanNotCreateAt(HomePage, PracticeCategoryPage)
        self.assertCanNotCreateAt(PracticeCategoryPage, PracticeCategoryPage)

    def test_practices_live_under_categories_only(self):
        for model in (ProcedurePage, ChecklistPage):
            self.assertCanCreateAt(PracticeCategoryPage, model)
            self.assertCanNotCreateAt(PracticeIndexPage, model)
            self.assertCanNotCreateAt(HomePage, model)
            self.assertCanNotCreateAt(NetworkPage, model)
            self.assertCanNotCreateAt(CooperativePage, model)

    def test_practices_are_leaves(self):
        for model in (ProcedurePage, ChecklistPage):
            for child in (ProcedurePage, ChecklistPage, PracticeCategoryPage):
                self.assertCanNotCreateAt(model, child)
