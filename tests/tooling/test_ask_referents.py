"""« Écrire aux référents »: a member writes once; each référent who may read the tool gets their own
e-mail (no other address in it) and may answer the sender; the sender gets a copy; rate-limited."""

import re
import socket

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from kb.factories import UserFactory
from tests.factories import PASSWORD
from tests.tooling.conftest import members_only
from tooling.factories import ToolReferentFactory
from tooling.models import ToolReferent

ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
QUESTION = {
    "subject": "Migration depuis Slack",
    "message": "Comment avez-vous migré vos salons sans perdre l'historique ?",
}


@pytest.fixture
def matrix(catalogue, site_tree, people):
    """Matrix with three référents: an editor of Coop Alpha, a member of Coop Beta, the moderator."""
    tool = catalogue["matrix"]
    for user, cooperative in (
        (people["editor_a"], site_tree["coop_a"]),
        (people["member_b"], site_tree["coop_b"]),
        (people["moderator"], site_tree["coop_b"]),
    ):
        ToolReferentFactory(tool=tool, user=user, cooperative=cooperative)
    return tool


def ask_url(tool):
    return f"{tool.url}referents/ecrire/"


def ask(client, tool, **fields):
    return client.post(ask_url(tool), {**QUESTION, **fields})


def addresses_in(message) -> set[str]:
    """Every address anywhere in the message as it goes out: headers and body."""
    return set(ADDRESS.findall(message.message().as_bytes().decode()))


def test_a_member_writes_once_to_every_referent_with_a_copy(client, matrix, people):
    client.login(username="member_a", password=PASSWORD)
    form = BeautifulSoup(client.get(ask_url(matrix)).content, "html.parser")
    assert "3 référents" in form.get_text() and form.select_one("form textarea[name=message]")

    response = ask(client, matrix)

    assert response.status_code == 302 and response.url == matrix.url
    shown = client.get(matrix.url).content.decode()
    assert "Votre message est parti vers 3 référents" in shown
    *questions, copy = mail.outbox
    referents = {people[name].email for name in ("editor_a", "member_b", "moderator")}
    assert sorted(message.to[0] for message in questions) == sorted(referents)
    for message in questions:
        assert len(message.to) == 1 and message.cc == [] and message.bcc == []
        assert message.reply_to == ["member_a@example.org"]  # answering reaches the sender
        assert message.subject == "CoopKB — question sur Matrix : Migration depuis Slack"
        assert (
            QUESTION["message"] in message.body
            and "member_a vous écrit au sujet de l'outil « Matrix »" in message.body
        )
        assert "Sa coopérative : Coop Alpha." in message.body
        assert f"{settings.KB_BASE_URL}{matrix.url}" in message.body
    assert copy.to == ["member_a@example.org"] and copy.reply_to == []
    assert copy.subject == "CoopKB — copie de votre question sur Matrix : Migration depuis Slack"
    assert "est parti vers 3 référents" in copy.body and QUESTION["message"] in copy.body


def test_no_message_holds_another_recipients_address(client, matrix, people):
    client.login(username="member_a", password=PASSWORD)
    ask(client, matrix)

    sender = {"member_a@example.org"}
    from_address = set(ADDRESS.findall(settings.DEFAULT_FROM_EMAIL))
    *questions, copy = mail.outbox
    assert len(questions) == 3
    for message in questions:
        assert addresses_in(message) == {message.to[0]} | sender | from_address
    assert addresses_in(copy) == sender | from_address  # the copy names no référent's address
    page = client.get(ask_url(matrix)).content.decode()
    assert not set(ADDRESS.findall(page)) & {message.to[0] for message in questions}


def test_each_referent_reads_it_in_their_language(client, matrix, people):
    profile = UserProfile.get_for_user(people["member_b"])
    profile.preferred_language = "en"
    profile.save()
    client.login(username="member_a", password=PASSWORD)

    ask(client, matrix)

    languages = {message.to[0]: message.extra_headers["Content-Language"] for message in mail.outbox}
    assert languages == {
        "editor_a@example.org": "fr",
        "member_b@example.org": "en",
        "moderator@example.org": "fr",
        "member_a@example.org": "fr",
    }


def test_a_burst_answers_429(client, matrix, people):
    client.login(username="member_a", password=PASSWORD)
    limit, _window = settings.KB_RATE_LIMITS["ask_referents"]
    for _n in range(limit):
        assert ask(client, matrix).status_code == 302
    sent = len(mail.outbox)

    response = ask(client, matrix)

    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Vous avez écrit à trop de référents en peu de temps." in response.content.decode()
    assert len(mail.outbox) == sent == limit * 4  # nothing more went out


def test_the_public_and_non_members_are_refused(client, matrix, people):
    public = BeautifulSoup(client.get(matrix.url).content, "html.parser")
    assert public.find("a", string="Écrire aux référents") is None
    invitation = public.find("a", string="Se connecter pour écrire aux référents")
    assert invitation["href"] == f"/compte/connexion/?next={ask_url(matrix)}"
    assert client.get(ask_url(matrix)).status_code == 302
    response = ask(client, matrix)
    assert response.status_code == 302 and response.url.startswith("/compte/connexion/")

    client.login(username="outsider", password=PASSWORD)  # signed in, not a member
    assert (
        BeautifulSoup(client.get(matrix.url).content, "html.parser").find("a", string="Écrire aux référents")
        is None
    )
    assert client.get(ask_url(matrix)).status_code == 403
    assert ask(client, matrix).status_code == 403
    assert mail.outbox == []

    client.login(username="member_a", password=PASSWORD)  # positive control
    link = BeautifulSoup(client.get(matrix.url).content, "html.parser").find(
        "a", string="Écrire aux référents"
    )
    assert link["href"] == ask_url(matrix)


def test_only_referents_who_may_read_the_tool_are_mailed(client, matrix, site_tree, people):
    members_only(matrix)
    ToolReferent.objects.create(tool=matrix, user=people["outsider"])  # not a member: may not read it
    gone = UserFactory(
        username="gone", role="member", cooperative=site_tree["coop_a"], password=PASSWORD, is_active=False
    )
    ToolReferent.objects.create(tool=matrix, user=gone)
    # Coop Alpha readable by its own group only: the sender's cooperative is named to who may read it.
    alpha_group = Group.objects.create(name="Alpha")
    alpha_group.user_set.add(people["editor_a"], people["member_a"])
    restriction = members_only(site_tree["coop_a"])
    restriction.groups.set([alpha_group])
    client.login(username="member_a", password=PASSWORD)

    ask(client, matrix)

    *questions, copy = mail.outbox
    mailed = {message.to[0]: message for message in questions}
    assert set(mailed) == {"editor_a@example.org", "member_b@example.org", "moderator@example.org"}
    assert "outsider@example.org" not in addresses_in(copy) and "gone@example.org" not in addresses_in(copy)
    assert "Coop Alpha" in mailed["editor_a@example.org"].body  # who may read it: named (positive control)
    assert "Coop Alpha" not in mailed["member_b@example.org"].body
    assert "est parti vers 3 référents" in copy.body


def test_without_a_reachable_referent_it_says_so(client, catalogue, people):
    slack = catalogue["slack"]
    ToolReferent.objects.create(tool=slack, user=people["member_a"])  # the sender themself
    client.login(username="member_a", password=PASSWORD)

    page = BeautifulSoup(client.get(slack.url).content, "html.parser").get_text()
    form = BeautifulSoup(client.get(ask_url(slack)).content, "html.parser")
    response = ask(client, slack)

    assert "Aucun référent de cet outil ne peut recevoir de message pour le moment." in page
    assert "Aucun référent de cet outil ne peut recevoir de message" in form.get_text()
    assert form.select_one("textarea") is None
    assert response.status_code == 400 and mail.outbox == []


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"subject": ""}, "subject", "Donnez un sujet à votre message."),
        ({"subject": "x" * 151}, "subject", "Le sujet tient en 150 caractères au plus (il en a 151)."),
        ({"subject": "Deux\nlignes"}, "subject", "Le sujet tient sur une seule ligne."),
        ({"message": "Trop court"}, "message", "20 caractères au moins (il en a 10)."),
        ({"message": "x" * 5001}, "message", "Le message tient en 5000 caractères au plus (il en a 5001)."),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(client, matrix, people, fields, field, error):
    client.login(username="member_a", password=PASSWORD)

    response = ask(client, matrix, **fields)

    assert response.status_code == 400 and mail.outbox == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert error in soup.select_one(f"#id_{field}").find_parent(class_="field").get_text()
    typed = {**QUESTION, **fields}
    assert soup.select_one("#id_subject").get("value", "") == typed["subject"]
    assert soup.select_one("#id_message").get_text().strip() == typed["message"]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_failure_says_so_and_keeps_the_text(client, matrix, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    client.login(username="member_a", password=PASSWORD)

    response = ask(client, matrix)

    assert response.status_code == 503
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        "Le message n'est pas parti : le serveur d'e-mail ne répond pas."
        in soup.select_one("[role=alert]").get_text()
    )
    assert soup.select_one("#id_subject")["value"] == QUESTION["subject"]
    assert soup.select_one("#id_message").get_text().strip() == QUESTION["message"]


def test_a_sender_without_an_address_is_told_why_nothing_can_go(client, matrix, people):
    people["member_a"].email = ""
    people["member_a"].save()
    client.login(username="member_a", password=PASSWORD)

    form = BeautifulSoup(client.get(ask_url(matrix)).content, "html.parser")
    response = ask(client, matrix)

    assert "Votre compte n'a pas d'adresse e-mail" in form.get_text() and form.select_one("textarea") is None
    assert response.status_code == 400 and mail.outbox == []
