from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Site

from kb.models import CooperativePage, HomePage, RegionPage, Skill


def test_kb_demo_builds_the_network_and_is_idempotent(db, client):
    first = StringIO()
    call_command("kb_demo", stdout=first)
    counts = (Page.objects.count(), Skill.objects.count(), get_user_model().objects.count())
    assert CooperativePage.objects.count() >= 12
    assert RegionPage.objects.count() >= 4
    assert all(CooperativePage.objects.values_list("is_example", flat=True))
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert "moderatrice" in first.getvalue()  # accounts and passwords printed once

    second = StringIO()
    call_command("kb_demo", stdout=second)
    assert (Page.objects.count(), Skill.objects.count(), get_user_model().objects.count()) == counts
    assert "déjà créés" in second.getvalue()

    for url in ["/", "/reseau/", "/reseau/bretagne/", "/reseau/bretagne/sillon-numerique/"]:
        assert client.get(url).status_code == 200, url


def test_printed_demo_account_logs_into_the_admin(db, client):
    out = StringIO()
    call_command("kb_demo", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if line.strip().startswith("moderatrice"))
    password = line.split()[1]
    assert client.login(username="moderatrice", password=password)
    assert client.get("/admin/").status_code == 200
