"""No canary ever shows to a reader who may not see it, on any route of the site or in any e-mail;
the reader who may see each one does see it (the positive control: without it the crawl proves nothing).
See tests/privacy/canaries.py for what is seeded and crawled.
"""

from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from practices.factories import CommentFactory
from tests.privacy.canaries import (
    CONTACT,
    EDITOR,
    INSIDER,
    MEMBER,
    SECOND_INSIDER,
    body_of,
    canary,
    crawl,
    leaks,
    seed_canaries,
)

# --- the tests -----------------------------------------------------------------------------------


READERS = {"anonymous": None, "member outside the group": MEMBER, "editor outside the group": EDITOR}


@pytest.fixture
def seeded(site_tree, people, django_capture_on_commit_callbacks):
    """The canaries, seeded as an editor would: index updates run as they do after each commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return seed_canaries(people["editor_a"])


@pytest.mark.parametrize("reader", READERS)
def test_no_canary_shows_to_a_reader_who_may_not_see_it(client, seeded, reader):
    if READERS[reader]:
        client.force_login(get_user_model().objects.get(username=READERS[reader]))
    # Every canary is hidden from these readers, but the signed-in-only one from signed-in readers.
    hidden = [
        word
        for word in [*seeded.canaries, canary("deleted")]
        if reader == "anonymous" or word != canary("login")
    ]
    bodies = crawl(client, seeded)
    assert len(bodies) > 60  # the crawl reached the whole site, not a login page
    assert leaks(bodies, hidden) == []


def test_each_canary_shows_to_its_allowed_reader(client, seeded, people):
    """The positive control: the same crawl would have caught each canary."""
    users = get_user_model().objects
    admin = users.create_superuser("root", "root@example.org", "x")
    for word, url in seeded.canaries.items():
        who = seeded.allowed[word]
        client.force_login(admin if who == "admin" else users.get(username=who))
        assert word in body_of(client.get(url)), (word, url, who)
    insider = users.get(username=INSIDER)
    client.force_login(insider)
    found = body_of(client.get("/api/search/?q=" + canary("group")))
    assert canary("group") in found  # the committee's search finds the committee's page


def test_no_email_carries_a_canary_to_someone_who_may_not_read_it(client, seeded, people):
    """A reply on the committee's page: the author cooperative's public address and participants
    who may not read the page get nothing; the committee member who may read it is told."""
    users = get_user_model().objects
    outsider_participant = users.get(username=MEMBER)
    CommentFactory(page=seeded.thread.page, parent=seeded.thread, author=outsider_participant, body="vu")
    mail.outbox.clear()
    author = users.get(username=INSIDER)
    page = seeded.thread.page.specific
    reply_author = users.get(username=SECOND_INSIDER)
    client.force_login(reply_author)
    response = client.post(
        page.url + page.reverse_subpage("comment"),
        {"body": "Réponse " + canary("mail"), "parent": seeded.thread.pk},
    )
    assert response.status_code in (200, 302)
    recipients = {address for message in mail.outbox for address in [*message.to, *message.bcc]}
    assert CONTACT not in recipients
    assert outsider_participant.email not in recipients
    assert author.email in recipients  # positive control: the reader who may read it is told
