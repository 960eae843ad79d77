from io import StringIO

from django.core.management import call_command

from practices.models import ChecklistPage, Comment, ProcedurePage


def test_demo_creates_practices_once(db):
    call_command("kb_demo", stdout=StringIO())
    counts = (ProcedurePage.objects.count(), ChecklistPage.objects.count(), Comment.objects.count())
    assert counts[0] >= 3 and counts[1] >= 2 and counts[2] >= 5
    members_only = ProcedurePage.objects.filter(visibility="members")
    assert members_only.count() == 1 and members_only.get().get_view_restrictions().exists()
    assert all(page.steps for page in ProcedurePage.objects.all())

    call_command("kb_demo", stdout=StringIO())
    assert (ProcedurePage.objects.count(), ChecklistPage.objects.count(), Comment.objects.count()) == counts
