"""Watch duties: due exactly when the latest review is older than the interval, or missing."""

import datetime

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from tests.tooling.conftest import make_review, make_tool
from tooling.duties import add_months, due_by_cooperative, is_due
from tooling.factories import WatchDutyFactory
from tooling.models import WatchDuty

D = datetime.date


@pytest.mark.parametrize(
    ("latest", "today", "due"),
    [
        (None, D(2025, 1, 1), True),  # never reviewed
        (D(2024, 7, 15), D(2025, 1, 14), False),  # one day short of six months
        (D(2024, 7, 15), D(2025, 1, 15), False),  # exactly six months: not yet older
        (D(2024, 7, 15), D(2025, 1, 16), True),  # one day older than six months
        (D(2024, 8, 31), D(2025, 2, 28), False),  # month end clamps: 31 Aug + 6 months = 28 Feb
        (D(2024, 8, 31), D(2025, 3, 1), True),
    ],
)
def test_due_at_the_edges(latest, today, due):
    assert is_due(latest, 6, today) is due


def test_add_months_crosses_years_and_leap_days():
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)


@pytest.fixture
def duties(site_tree, catalogue):
    coop_a, coop_b = site_tree["coop_a"], site_tree["coop_b"]
    category = catalogue["category"]
    make_review(catalogue["matrix"], coop_b, "adopt", "2025-01-10")  # fresh
    make_review(catalogue["slack"], coop_b, "hold", "2024-01-10")  # stale
    element = make_tool(category, "Element")  # never reviewed
    by_category = WatchDutyFactory(category=category, interval_months=6)
    by_category.cooperatives.set([coop_a])
    single = WatchDutyFactory(category=None, tool=catalogue["matrix"], interval_months=1)
    single.cooperatives.set([coop_b])
    return {"element": element}


def test_due_items_per_cooperative(site_tree, catalogue, duties):
    due = due_by_cooperative(today=D(2025, 3, 1))

    coop_a, coop_b = site_tree["coop_a"], site_tree["coop_b"]
    assert [item.tool.title for item in due[coop_a]] == ["Element", "Slack"]
    assert [item.latest_review for item in due[coop_a]] == [None, D(2024, 1, 10)]
    # Matrix reviewed on 10 January: older than one month on 1 March.
    assert [item.tool.title for item in due[coop_b]] == ["Matrix"]
    assert due_by_cooperative(today=D(2025, 2, 10)).get(coop_b) is None  # exactly one month: not due


def test_a_duty_names_a_category_or_a_tool(catalogue):
    with pytest.raises(ValidationError):
        WatchDuty(interval_months=6).clean()
    with pytest.raises(ValidationError):
        WatchDuty(interval_months=6, category=catalogue["category"], tool=catalogue["matrix"]).clean()


def test_reminders_are_mailed_to_each_cooperative(site_tree, catalogue, duties, capsys):
    site_tree["coop_a"].contact_email = "veille@alpha.example"
    site_tree["coop_a"].save()

    call_command("watch_reminders", verbosity=0)

    assert len(mail.outbox) == 1  # Coop Beta has no contact e-mail: skipped, said in the summary
    message = mail.outbox[0]
    assert message.to == ["veille@alpha.example"]
    assert "Element" in message.body and "Slack" in message.body and "jamais évalué" in message.body
    output = capsys.readouterr()
    assert "1 envoyés, 1 sans adresse" in output.out
    assert "Coop Beta : pas d'e-mail de contact" in output.err
