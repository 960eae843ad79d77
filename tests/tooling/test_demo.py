"""The demo tool watch: reviews from several cooperatives, disagreements, duties due and not due."""

from io import StringIO

from django.core.management import call_command

from tooling.duties import due_by_cooperative
from tooling.models import ReviewPage, ToolPage, WatchDuty
from tooling.scoring import summarise


def test_demo_is_idempotent_with_disagreements_and_duties(db):
    call_command("kb_demo", stdout=StringIO())
    counts = (ToolPage.objects.count(), ReviewPage.objects.count(), WatchDuty.objects.count())
    call_command("kb_demo", stdout=StringIO())
    assert (ToolPage.objects.count(), ReviewPage.objects.count(), WatchDuty.objects.count()) == counts

    assert counts[0] >= 7 and counts[1] >= 10
    assert ReviewPage.objects.values("cooperative").distinct().count() >= 5
    summaries = [summarise(ReviewPage.objects.child_of(tool).live()) for tool in ToolPage.objects.all()]
    assert any(summary.disagreement for summary in summaries)
    assert any(summary.has_moved for summary in summaries)

    due = due_by_cooperative()
    due_tools = {item.tool.slug for items in due.values() for item in items}
    assert "keycloak" in due_tools  # reviewed ~23 months ago under a 12-month duty
    assert "grafana" not in due_tools and "odoo" not in due_tools
