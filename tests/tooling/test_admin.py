"""Admin side: watch-duty snippets for moderators, the due report and the dashboard panel."""

import re

import pytest

from tests.factories import PASSWORD
from tests.tooling.conftest import make_review
from tooling.factories import WatchDutyFactory
from tooling.models import WatchDuty


@pytest.fixture
def duty(site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_b"], "adopt", "2020-01-10")  # long ago: due
    duty = WatchDutyFactory(category=catalogue["category"], interval_months=6)
    duty.cooperatives.set([site_tree["coop_a"]])
    return duty


def test_moderator_sees_the_due_report_and_panel(client, people, duty):
    client.login(username="moderator", password=PASSWORD)

    report = client.get("/admin/outils/veille/")
    dashboard = client.get("/admin/")

    assert report.status_code == 200
    html = report.content.decode()
    assert "Coop Alpha" in html and "Matrix" in html and "Slack" in html
    assert "Veille outils à mettre à jour" in dashboard.content.decode()
    assert client.get("/admin/outils/veille/?export=csv").status_code == 200


def test_moderator_manages_duties_editor_cannot(client, people, duty):
    client.login(username="moderator", password=PASSWORD)
    assert client.get("/admin/snippets/tooling/watchduty/").status_code == 200
    client.logout()
    client.login(username="editor_a", password=PASSWORD)
    assert client.get("/admin/outils/veille/").status_code in (302, 403)
    assert "Veille outils à mettre à jour" not in client.get("/admin/").content.decode()


def test_moderator_creates_a_duty_through_the_snippet_form(client, people, site_tree, catalogue):
    client.login(username="moderator", password=PASSWORD)
    url = "/admin/snippets/tooling/watchduty/add/"
    both = {
        "cooperatives": [site_tree["coop_a"].pk],
        "category": catalogue["category"].pk,
        "tool": catalogue["matrix"].pk,
        "interval_months": 6,
    }
    refused = client.post(url, both)
    assert refused.status_code == 200 and "soit une catégorie, soit un outil" in refused.content.decode()
    assert not WatchDuty.objects.exists()

    client.post(url, {**both, "tool": ""})
    assert WatchDuty.objects.get().category == catalogue["category"]


def test_dashboard_panel_punctuation_follows_the_reader_language(client, people, duty):
    client.login(username="moderator", password=PASSWORD)

    french = client.get("/admin/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/admin/").content.decode()

    assert re.search(r"<strong>Coop Alpha</strong> : \d+ outils? à revoir", french)
    assert re.search(r"<strong>Coop Alpha</strong>: \d+ tools? due for review", english)
