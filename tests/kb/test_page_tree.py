from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from kb.models import CooperativePage, HomePage, NetworkPage, RegionPage
from practices.models import PracticeIndexPage
from tooling.models import ToolIndexPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(NetworkPage, HomePage)

    def test_home_leads_to_the_sections(self):
        self.assertAllowedSubpageTypes(HomePage, {NetworkPage, PracticeIndexPage, ToolIndexPage})

    def test_network_holds_regions_which_hold_cooperatives(self):
        self.assertAllowedSubpageTypes(NetworkPage, {RegionPage})
        self.assertAllowedSubpageTypes(RegionPage, {CooperativePage})
        self.assertCanNotCreateAt(NetworkPage, CooperativePage)
        self.assertCanNotCreateAt(HomePage, RegionPage)

    def test_cooperative_is_a_leaf_under_a_region(self):
        self.assertAllowedParentPageTypes(CooperativePage, {RegionPage})
        self.assertAllowedSubpageTypes(CooperativePage, set())
