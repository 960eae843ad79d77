"""@mentions and comments: the member named or concerned is notified, only if they may read the page;
a mention of someone who may not is refused with a message and the text is kept."""

from django.contrib.auth.models import Group

import pytest

from following.models import Notification
from practices.models import Comment
from tests.following.test_following import follow
from tests.search.conftest import restrict

MENTION, COMMENT = Notification.Kind.MENTION, Notification.Kind.COMMENT


def comment(client, user, page, body, **extra):
    client.force_login(user)
    return client.post(f"{page.url}commentaires/", {"body": body, **extra})


def test_a_mention_notifies_the_member_named(client, people, procedure):
    response = comment(client, people["member_b"], procedure, "@member_a tu peux relire l'étape 2 ?")
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=people["member_a"])
    assert notification.kind == MENTION and notification.comment.body.startswith("@member_a")
    client.force_login(people["member_a"])
    opened = client.get(f"/compte/notifications/{notification.pk}/")
    assert opened.url == f"{procedure.url}#commentaire-{notification.comment_id}"


def test_an_address_is_not_a_mention(client, people, procedure):
    comment(client, people["member_b"], procedure, "Écrire à member_a@example.org")
    assert Comment.objects.count() == 1 and not Notification.objects.exists()


def test_a_mention_of_someone_who_may_not_read_the_page_is_refused(client, people, procedure):
    committee = Group.objects.create(name="Comité")
    for name in ("member_b", "editor_a"):
        people[name].groups.add(committee)
    restrict(procedure, "groups", [committee])
    response = comment(client, people["member_b"], procedure, "Avis de @member_a demandé")
    content = response.content.decode()
    assert response.status_code == 400 and "ne peut pas lire cette page" in content
    assert "Avis de @member_a demandé" in content  # the text typed is kept
    assert not Comment.objects.exists() and not Notification.objects.exists()
    # The positive control: a member of the committee may be mentioned.
    assert comment(client, people["member_b"], procedure, "Avis de @editor_a demandé").status_code == 302
    assert Notification.objects.get().recipient == people["editor_a"]


def test_an_unknown_member_is_refused_with_a_message(client, people, procedure):
    response = comment(client, people["member_b"], procedure, "Merci @personne")
    assert response.status_code == 400 and "Aucun membre ne s" in response.content.decode()


def test_followers_and_the_author_answered_hear_of_a_comment(client, people, procedure):
    follow(client, people["member_a"], procedure)
    comment(client, people["editor_b"], procedure, "Question sur la restauration")
    assert Notification.objects.get(recipient=people["member_a"]).kind == COMMENT
    first = Comment.objects.get()
    comment(client, people["member_b"], procedure, "Réponse", parent=first.pk)
    told = set(Notification.objects.filter(kind=COMMENT).values_list("recipient__username", flat=True))
    assert told == {"member_a", "editor_b"}  # the follower twice, the author answered once; not member_b
    assert Notification.objects.filter(recipient=people["member_a"]).count() == 2


def test_an_edit_notifies_only_the_members_it_names_for_the_first_time(client, people, procedure):
    comment(client, people["member_b"], procedure, "Merci @member_a")
    posted = Comment.objects.get()
    client.post(
        f"{procedure.url}commentaires/{posted.pk}/modifier/", {"body": "Merci @member_a et @editor_a"}
    )
    told = list(Notification.objects.order_by("pk").values_list("recipient__username", flat=True))
    assert told == ["member_a", "editor_a"]


def test_a_hidden_comment_leaves_the_notifications(client, people, procedure):
    comment(client, people["member_b"], procedure, "Zorglub @member_a")
    client.force_login(people["member_a"])
    listed = client.get("/compte/notifications/").content.decode()
    assert "Mention" in listed and procedure.title in listed  # the positive control
    Comment.objects.update(status=Comment.Status.HIDDEN)
    listed = client.get("/compte/notifications/").content.decode()
    assert "Mention" not in listed and procedure.title not in listed.split("<main")[1]


def test_suggestions_list_members_who_may_read_the_page(client, people, procedure):
    client.force_login(people["member_b"])
    found = client.get("/membres/mentions/", {"page": procedure.pk, "q": "memb"}).json()["results"]
    assert [member["username"] for member in found] == ["member_a", "member_b"]
    committee = Group.objects.create(name="Comité")
    people["member_b"].groups.add(committee)
    restrict(procedure, "groups", [committee])
    found = client.get("/membres/mentions/", {"page": procedure.pk, "q": "memb"}).json()["results"]
    assert [member["username"] for member in found] == ["member_b"]


@pytest.mark.parametrize("page", ["abc", "", "9" * 40])
def test_suggestions_with_a_bad_page_get_a_404_in_json(client, people, page):
    client.force_login(people["member_b"])
    response = client.get("/membres/mentions/", {"page": page, "q": "memb"})
    assert response.status_code == 404 and response.json()["results"] == []


def test_suggestions_name_no_member_of_a_page_the_reader_may_not_read(client, people, procedure):
    restrict(procedure, "groups", [Group.objects.create(name="Comité")])
    client.force_login(people["member_b"])
    assert client.get("/membres/mentions/", {"page": procedure.pk, "q": "memb"}).status_code == 404
