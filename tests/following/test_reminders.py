"""Review reminders: the cooperative's editors are told, once per due date, of what is past its
review date (procedures, checklists, old reviews) and of due watch duties; moderators get a summary
and a report. Nobody hears of a page they may not read."""

import datetime
import itertools
import re

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from core.months import add_months
from core.still_valid import confirm
from following import mail, reminders
from following.models import Delivery, DeliveryPreference, Notification
from following.overdue import overdue_pages
from kb.factories import UserFactory
from practices.models import ProcedurePage
from tests.factories import PASSWORD
from tests.practices.conftest import make_checklist, make_procedure
from tests.search.conftest import restrict
from tests.tooling.conftest import make_review, make_tool
from tooling.factories import WatchDutyFactory

D = datetime.date
TODAY = D(2026, 3, 10)
REVIEW_DUE, WATCH_DUE = Notification.Kind.REVIEW_DUE, Notification.Kind.WATCH_DUE


def choose(user, delivery, kind=REVIEW_DUE):
    DeliveryPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def reminded(kind=REVIEW_DUE):
    return sorted(
        (n.recipient.username, n.page.title) for n in Notification.objects.filter(kind=kind).select_related()
    )


@pytest.fixture
def overdue(category, site_tree):
    """Coop Alpha's procedure, due on 15 February 2026 (a year after its last review)."""
    coop_a = site_tree["coop_a"]
    due = {"last_reviewed": D(2025, 2, 15), "review_interval_months": 12}
    return make_procedure(category, author_cooperative=coop_a, **due)


# --- the dates -------------------------------------------------------------------------------------


def test_review_due_clamps_to_the_month_end_as_the_watch_duties_do(category):
    page = ProcedurePage(last_reviewed=D(2025, 8, 31), review_interval_months=6)
    assert page.review_due == D(2026, 2, 28) == add_months(D(2025, 8, 31), 6)


def test_the_database_finds_exactly_the_pages_python_says_are_due(category):
    """Every last review day of a year against intervals of 1, 6 and 12 months and a few todays:
    the SQL rule (core.months.months_later_before) agrees with PracticePage.needs_review's dates."""
    days = [D(2024, 1, 1) + datetime.timedelta(days=n) for n in range(0, 366, 7)] + [
        D(2024, 1, 31),
        D(2024, 8, 31),
        D(2024, 2, 29),
    ]
    for n, (day, months) in enumerate(itertools.product(days, (1, 6, 12))):
        ProcedurePage.objects.filter(pk=make_procedure(category, title=f"P{n}", slug=f"p{n}").pk).update(
            last_reviewed=day, review_interval_months=months
        )
    pages = list(ProcedurePage.objects.live().exclude(last_reviewed=None))
    for today in (D(2024, 3, 1), D(2024, 7, 31), D(2025, 2, 28), D(2025, 3, 1)):
        in_python = {page.pk for page in pages if page.review_due < today}
        in_sql = set(ProcedurePage.objects.filter(ProcedurePage.overdue(today)).values_list("pk", flat=True))
        assert in_sql == in_python and in_sql  # and the sample is not empty
        assert set(overdue_pages(today).values_list("pk", flat=True)) == in_python


# --- who is told -----------------------------------------------------------------------------------


def test_the_cooperatives_editors_and_moderators_are_told_and_nobody_else(people, site_tree, overdue):
    moderator_a = UserFactory(
        username="moderator_a", role="moderator", cooperative=site_tree["coop_a"], password=PASSWORD
    )
    reminders.send_reminders(TODAY)
    assert reminded() == [("editor_a", overdue.title), ("moderator_a", overdue.title)]
    # The network's moderator (of Coop Beta) is not one of Coop Alpha's: the summary and report are theirs.
    assert not Notification.objects.filter(recipient=people["moderator"]).exists()
    assert moderator_a.notifications.get().note == "2026-02-15 12"


def test_nothing_before_the_due_date(people, overdue):
    reminders.send_reminders(D(2026, 2, 15))  # due that day: not yet past
    assert reminded() == []
    reminders.send_reminders(D(2026, 2, 16))
    assert reminded() == [("editor_a", overdue.title)]


def test_a_daily_run_tells_once_per_due_date_until_it_moves(people, overdue):
    for _run in range(3):
        reminders.send_reminders(TODAY)
    assert reminded() == [("editor_a", overdue.title)]
    # Re-read and still valid on 10 March: due again on 10 March 2027, told again after that only.
    confirm(overdue, people["editor_a"], today=TODAY)
    reminders.send_reminders(D(2027, 3, 10))
    assert Notification.objects.filter(kind=REVIEW_DUE).count() == 1
    reminders.send_reminders(D(2027, 3, 11))
    reminders.send_reminders(D(2027, 3, 12))
    notes = [n.note for n in Notification.objects.filter(kind=REVIEW_DUE)]
    assert notes == ["2027-03-10 12", "2026-02-15 12"]


def test_a_page_without_cooperative_or_review_date_tells_nobody(people, category, overdue):
    make_procedure(category, title="Orpheline", slug="orpheline", last_reviewed=D(2020, 1, 1))
    coop_a = overdue.author_cooperative
    make_procedure(category, title="Jamais relue", slug="jamais", author_cooperative=coop_a)
    reminders.send_reminders(TODAY)
    assert reminded() == [("editor_a", overdue.title)]


def test_checklists_too(people, category, site_tree):
    checklist = make_checklist(category, author_cooperative=site_tree["coop_b"])  # reviewed 15 January 2025
    reminders.send_reminders(TODAY)
    assert reminded() == [("editor_b", checklist.title), ("moderator", checklist.title)]


# --- e-mails ---------------------------------------------------------------------------------------


def test_at_once_an_e_mail_that_says_why(people, overdue, mailoutbox):
    choose(people["editor_a"], Delivery.IMMEDIATELY)
    reminders.send_reminders(TODAY)
    (message,) = [m for m in mailoutbox if m.to == [people["editor_a"].email]]
    assert overdue.title in message.subject and "Relecture à faire" in message.subject
    assert "Relecture prévue le 15 février 2026 (tous les 12 mois)" in message.body
    assert overdue.full_url in message.body and "/desabonnement/" in message.body
    assert "Note de modification" not in message.body


def test_the_default_daily_digest_and_never(people, site_tree, overdue, mailoutbox):
    never = UserFactory(
        username="editor_a2", role="editor", cooperative=site_tree["coop_a"], password=PASSWORD
    )
    choose(never, Delivery.NEVER)
    reminders.send_reminders(TODAY)
    assert [m.to for m in mailoutbox if m.to != [people["moderator"].email]] == []  # nothing at once
    mail.send_digests(Delivery.DAILY)
    (digest,) = [m for m in mailoutbox if m.to != [people["moderator"].email]]
    assert digest.to == [people["editor_a"].email]
    assert "Relecture prévue le 15 février 2026" in digest.body
    assert never.notifications.count() == 1  # still on the site, just not e-mailed


def test_in_english_for_an_english_reader(people, overdue, mailoutbox):
    profile = UserProfile.get_for_user(people["editor_a"])
    profile.preferred_language = "en"
    profile.save()
    choose(people["editor_a"], Delivery.IMMEDIATELY)
    reminders.send_reminders(TODAY)
    (message,) = [m for m in mailoutbox if m.to == [people["editor_a"].email]]
    # The sentence waits for the catalogue (the lead's); the date already follows the language.
    assert "Feb. 15, 2026" in message.body and "Hello editor_a" in message.body


# --- tool reviews ------------------------------------------------------------------------------------


@pytest.fixture
def reviews(site_tree, catalogue):
    coop_a, coop_b = site_tree["coop_a"], site_tree["coop_b"]
    return {
        "old": make_review(catalogue["slack"], coop_b, "hold", "2023-06-01"),  # 24 months on 1 June 2025
        "superseded": make_review(catalogue["matrix"], coop_a, "trial", "2022-01-05"),
        "newer": make_review(catalogue["matrix"], coop_a, "adopt", "2025-05-05", slug="avis-recent"),
    }


def test_a_review_older_than_the_setting_tells_its_cooperative(people, reviews, mailoutbox):
    choose(people["editor_b"], Delivery.IMMEDIATELY)
    reminders.send_reminders(TODAY)
    old = reviews["old"]
    # Coop Alpha's 2022 review is superseded by its 2025 one: history, not to re-read.
    assert reminded() == [("editor_b", old.title), ("moderator", old.title)]
    (message,) = [m for m in mailoutbox if m.to == [people["editor_b"].email]]
    assert "Avis de plus de 24 mois : à relire depuis le 1 juin 2025" in message.body


@override_settings(KB_REVIEW_MAX_AGE_MONTHS=6)
def test_the_maximum_age_is_a_setting(people, reviews):
    reminders.send_reminders(TODAY)  # Coop Alpha's 2025-05-05 review is now older than six months
    assert ("editor_a", reviews["newer"].title) in reminded()
    assert ("editor_a", reviews["superseded"].title) not in reminded()


# --- watch duties ------------------------------------------------------------------------------------


@pytest.fixture
def duty(site_tree, catalogue):
    make_review(catalogue["matrix"], site_tree["coop_b"], "adopt", "2026-02-01")  # fresh
    make_review(catalogue["slack"], site_tree["coop_b"], "hold", "2025-06-20")  # due 20 December 2025
    make_tool(catalogue["category"], "Element")  # never reviewed
    duty = WatchDutyFactory(category=catalogue["category"], interval_months=6)
    duty.cooperatives.set([site_tree["coop_a"]])
    return duty


def test_due_watch_duties_tell_the_cooperatives_editors(people, duty, mailoutbox):
    choose(people["editor_a"], Delivery.IMMEDIATELY, kind=WATCH_DUE)
    reminders.send_reminders(TODAY)
    reminders.send_reminders(TODAY)
    assert reminded(WATCH_DUE) == [("editor_a", "Element"), ("editor_a", "Slack")]
    bodies = "\n".join(m.body for m in mailoutbox if m.to == [people["editor_a"].email])
    assert "Mission de veille : un avis tous les 6 mois, dû depuis le 20 décembre 2025" in bodies
    assert "Mission de veille : un avis tous les 6 mois, et aucun avis encore" in bodies


def test_watch_reminders_still_mails_the_contact_address_and_notifies(
    people, site_tree, duty, mailoutbox, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    site_tree["coop_a"].contact_email = "contact@alpha.example"
    site_tree["coop_a"].save_revision().publish()
    call_command("watch_reminders", verbosity=0)
    assert [m.to for m in mailoutbox] == [["contact@alpha.example"]]
    assert reminded(WATCH_DUE) == [("editor_a", "Element"), ("editor_a", "Slack")]


# --- privacy -------------------------------------------------------------------------------------------


def test_an_editor_who_may_not_read_the_page_hears_nothing_of_it(people, site_tree, overdue, mailoutbox):
    """Canary: the page is restricted to a committee; editor_a is not in it, editor_a2 is."""
    committee = Group.objects.create(name="Comité de reprise")
    insider = UserFactory(
        username="editor_a2", role="editor", cooperative=site_tree["coop_a"], password=PASSWORD
    )
    insider.groups.add(committee)
    ProcedurePage.objects.filter(pk=overdue.pk).update(title="Zorglub secret")
    restrict(overdue, "groups", [committee])
    for user in (people["editor_a"], insider):
        choose(user, Delivery.IMMEDIATELY)
    reminders.send_reminders(TODAY)
    assert reminded() == [("editor_a2", "Zorglub secret")]  # the positive control
    assert [m.to for m in mailoutbox if "Zorglub" in m.subject + m.body] == [[insider.email]]
    mail.send_digests(Delivery.DAILY)
    assert not any("Zorglub" in m.body for m in mailoutbox if m.to == [people["editor_a"].email])


def test_a_review_is_told_only_where_its_cooperative_may_be_read(people, site_tree, reviews, mailoutbox):
    """A review's title names its cooperative: an editor who may not read that cooperative's page hears
    nothing of the review (the moderator of Coop Beta, in the committee, is the positive control)."""
    committee = Group.objects.create(name="Comité Beta")
    people["moderator"].groups.add(committee)
    restrict(site_tree["coop_b"], "groups", [committee])
    choose(people["editor_b"], Delivery.IMMEDIATELY)
    reminders.send_reminders(TODAY)
    old = reviews["old"]
    assert reminded() == [("moderator", old.title)]
    assert not [m for m in mailoutbox if m.to == [people["editor_b"].email]]


def test_the_notifications_page_says_why_and_hides_what_was_restricted_since(
    client, people, site_tree, overdue
):
    reminders.send_reminders(TODAY)
    client.force_login(people["editor_a"])
    page = client.get("/compte/notifications/").content.decode()
    assert overdue.title in page and "Relecture prévue le 15 février 2026" in page
    restrict(overdue, "groups", [Group.objects.create(name="Comité")])
    page = client.get("/compte/notifications/").content.decode()
    assert overdue.title not in page and "Relecture prévue" not in page


# --- moderators ------------------------------------------------------------------------------------------


def summaries(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email] and "en retard" in m.subject]


def test_moderators_get_one_summary_per_run_when_something_is_overdue(people, overdue, reviews, mailoutbox):
    reminders.send_reminders(D(2023, 1, 1))  # nothing overdue yet
    assert summaries(mailoutbox, people["moderator"]) == []
    reminders.send_reminders(TODAY)
    (summary,) = summaries(mailoutbox, people["moderator"])
    assert summary.subject == "CoopKB — 2 relectures en retard"
    assert "1 procédure ou liste de contrôle" in summary.body and "1 avis sur un outil" in summary.body
    assert re.search(r"https?://\S+/admin/reports/relectures-en-retard/", summary.body)
    assert "/compte/notifications/desabonnement/" in summary.body
    assert summaries(mailoutbox, people["editor_a"]) == []  # editors are no moderators


def test_a_moderator_who_chose_never_gets_no_summary(people, overdue, mailoutbox):
    choose(people["moderator"], Delivery.NEVER)
    reminders.send_reminders(TODAY)
    assert summaries(mailoutbox, people["moderator"]) == []


def test_the_command_runs_now_or_through_the_worker(people, overdue, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    call_command("review_reminders", "--queue")  # the test settings' worker runs tasks at once
    assert reminded() == [("editor_a", overdue.title)]
    call_command("review_reminders")
    assert "0 relectures" in capsys.readouterr().out
    assert Notification.objects.filter(kind=REVIEW_DUE).count() == 1


# --- the report --------------------------------------------------------------------------------------------


def test_the_report_lists_what_is_late_for_moderators_only(client, people, site_tree, overdue, reviews):
    client.force_login(people["editor_a"])
    refused = client.get("/admin/reports/relectures-en-retard/")  # Wagtail: back to the dashboard
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert "relectures-en-retard" not in client.get("/admin/").content.decode()
    client.force_login(people["moderator"])
    assert "relectures-en-retard" in client.get("/admin/").content.decode()  # in the Reports menu
    response = client.get("/admin/reports/relectures-en-retard/")
    assert response.status_code == 200
    html = response.content.decode()
    late = (timezone.localdate() - D(2026, 2, 15)).days
    assert overdue.title in html and "Coop Alpha" in html and "Auvergne-Rhône-Alpes" in html
    assert reviews["old"].title in html and "Coop Beta" in html
    assert reviews["superseded"].title not in html
    assert f">{late}<" in html.replace(" ", "").replace("\n", "")


def test_the_report_filters_and_exports(client, people, site_tree, overdue, reviews):
    client.force_login(people["moderator"])
    html = client.get("/admin/reports/relectures-en-retard/", {"kind": "review"}).content.decode()
    assert reviews["old"].title in html and overdue.title not in html
    html = client.get(
        "/admin/reports/relectures-en-retard/", {"cooperative": site_tree["coop_a"].pk}
    ).content.decode()
    assert overdue.title in html and reviews["old"].title not in html
    response = client.get("/admin/reports/relectures-en-retard/", {"export": "csv"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0].startswith("Page,Type,Coopérative,Région,Relecture prévue le,Jours de retard")
    assert any(row.startswith(f"{overdue.title},Procédure,Coop Alpha,Auvergne-Rhône-Alpes,") for row in rows)
