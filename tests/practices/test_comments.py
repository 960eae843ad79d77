"""Members comment on practices: posting, replies, the edit window, moderation, limits."""

import datetime

from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from practices.factories import CommentFactory
from practices.models import Comment
from practices.models.comments import comment_edit_window, comment_max_length


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def post(client, page, body, parent=None):
    data = {"body": body}
    if parent is not None:
        data["parent"] = parent.pk
    return client.post(page.url + "commentaires/", data)


def test_member_posts_a_comment_shown_with_author_cooperative_and_date(client, procedure, people):
    client.force_login(people["member_a"])
    response = post(client, procedure, "Très utile, merci !")
    assert response.status_code == 302
    assert response["Location"].endswith("#commentaires")

    comment = Comment.objects.get()
    assert (comment.page_id, comment.author, comment.status) == (procedure.pk, people["member_a"], "visible")
    html = client.get(procedure.url).content.decode()
    assert "Très utile, merci !" in html
    assert "Coop Alpha" in html  # the author's cooperative
    assert "<time datetime=" in html


def test_reply_is_threaded_under_its_comment(client, procedure, people):
    first = CommentFactory(page=procedure, author=people["member_b"], body="Question ?")
    client.force_login(people["member_a"])
    assert post(client, procedure, "Réponse.", parent=first).status_code == 302
    reply = Comment.objects.get(parent=first)
    assert reply.body == "Réponse."
    html = client.get(procedure.url).content.decode()
    assert html.index("Question ?") < html.index("Réponse.")
    assert 'class="comment comment--reply"' in html


def test_replies_to_replies_are_refused(client, procedure, people):
    first = CommentFactory(page=procedure, author=people["member_b"], body="Question ?")
    reply = CommentFactory(page=procedure, author=people["member_b"], body="Précision", parent=first)
    client.force_login(people["member_a"])
    response = post(client, procedure, "Trop profond", parent=reply)
    assert response.status_code == 400
    assert "n&#x27;existe plus" in response.content.decode()
    assert not Comment.objects.filter(body="Trop profond").exists()


def test_anonymous_is_sent_to_login_and_nothing_is_stored(client, procedure):
    response = post(client, procedure, "Anonyme")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Comment.objects.exists()


def test_logged_in_non_member_is_refused_with_a_message(client, procedure, people):
    client.force_login(people["outsider"])
    response = post(client, procedure, "Je ne suis pas membre")
    assert response.status_code == 403
    assert "Seuls les membres" in response.content.decode()
    assert not Comment.objects.exists()


def test_csrf_token_is_required(procedure, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["member_a"])
    assert post(client, procedure, "Sans jeton").status_code == 403
    assert not Comment.objects.exists()


def test_empty_and_oversized_comments_are_refused_with_a_message(client, procedure, people):
    client.force_login(people["member_a"])
    response = post(client, procedure, "   ")
    assert response.status_code == 400
    assert "Le commentaire est vide" in response.content.decode()

    too_long = "a" * (comment_max_length() + 1)
    response = post(client, procedure, too_long)
    assert response.status_code == 400
    assert f"dépasse {comment_max_length()} caractères" in response.content.decode()
    assert too_long in response.content.decode()  # the text is given back, not lost
    assert not Comment.objects.exists()


def test_the_length_limit_is_read_from_the_settings(client, procedure, people, settings):
    assert comment_max_length() == 5000  # the default
    settings.KB_COMMENT_MAX_LENGTH = 20
    client.force_login(people["member_a"])
    assert 'maxlength="20"' in client.get(procedure.url).content.decode()
    response = post(client, procedure, "a" * 21)
    assert response.status_code == 400
    assert "dépasse 20 caractères" in response.content.decode()
    assert post(client, procedure, "a" * 20).status_code == 302


def test_rate_limit_answers_429_with_a_french_message(client, procedure, people):
    client.force_login(people["member_a"])
    for number in range(5):
        assert post(client, procedure, f"Commentaire {number}").status_code == 302
    response = post(client, procedure, "Un de trop")
    assert response.status_code == 429
    assert "trop de commentaires" in response.content.decode()
    assert Comment.objects.count() == 5

    client.force_login(people["member_b"])  # the limit is per user
    assert post(client, procedure, "Autre membre").status_code == 302


def test_author_edits_within_the_window(client, procedure, people):
    comment = CommentFactory(page=procedure, author=people["member_a"], body="Premier jet")
    client.force_login(people["member_a"])
    url = f"{procedure.url}commentaires/{comment.pk}/modifier/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"body": "Version corrigée"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Version corrigée"
    assert comment.edited is not None
    assert "(modifié)" in client.get(procedure.url).content.decode()


def test_author_is_refused_after_the_window(client, procedure, people):
    late = timezone.now() - comment_edit_window() - datetime.timedelta(seconds=1)
    comment = CommentFactory(page=procedure, author=people["member_a"], body="Ancien", created=late)
    client.force_login(people["member_a"])
    edit = client.post(f"{procedure.url}commentaires/{comment.pk}/modifier/", {"body": "Trop tard"})
    delete = client.post(f"{procedure.url}commentaires/{comment.pk}/supprimer/")
    assert edit.status_code == 403 and delete.status_code == 403
    assert "délai est passé" in edit.content.decode()
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("Ancien", "visible")
    assert "/modifier/" not in client.get(procedure.url).content.decode()


def test_the_edit_window_is_read_from_the_settings(client, procedure, people, settings):
    assert comment_edit_window() == datetime.timedelta(minutes=15)  # the default
    settings.KB_COMMENT_EDIT_WINDOW = datetime.timedelta(minutes=1)
    created = timezone.now() - datetime.timedelta(minutes=2)
    comment = CommentFactory(page=procedure, author=people["member_a"], body="Ancien", created=created)
    client.force_login(people["member_a"])
    edit = client.post(f"{procedure.url}commentaires/{comment.pk}/modifier/", {"body": "Trop tard"})
    assert edit.status_code == 403


def test_only_the_author_may_edit(client, procedure, people):
    comment = CommentFactory(page=procedure, author=people["member_a"], body="À moi")
    client.force_login(people["member_b"])
    response = client.post(f"{procedure.url}commentaires/{comment.pk}/modifier/", {"body": "Volé"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "À moi"


def test_author_deletes_within_the_window(client, procedure, people):
    comment = CommentFactory(page=procedure, author=people["member_a"], body="À retirer")
    client.force_login(people["member_a"])
    assert client.post(f"{procedure.url}commentaires/{comment.pk}/supprimer/").status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    assert "À retirer" not in client.get(procedure.url).content.decode()


def test_moderator_hides_a_comment_from_the_admin(client, procedure, people):
    comment = CommentFactory(page=procedure, author=people["member_a"], body="Hors sujet")
    client.force_login(people["moderator"])
    listing = client.get(reverse("wagtailsnippets_practices_comment:list"), {"status": "visible"})
    assert listing.status_code == 200
    assert "Hors sujet" in listing.content.decode()

    edit_url = reverse("wagtailsnippets_practices_comment:edit", args=[comment.pk])
    response = client.post(edit_url, {"status": "hidden"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.body == "Hors sujet"  # moderation hides, it does not rewrite

    client.logout()
    assert "Hors sujet" not in client.get(procedure.url).content.decode()


def test_members_cannot_reach_the_moderation_list(client, procedure, people):
    client.force_login(people["editor_a"])
    response = client.get(reverse("wagtailsnippets_practices_comment:list"))
    assert response.status_code in (302, 403)


def test_notification_to_author_cooperative_and_thread_participants(client, procedure, people, site_tree):
    site_tree["coop_a"].contact_email = "contact@alpha.example"
    site_tree["coop_a"].save_revision().publish()
    first = CommentFactory(page=procedure, author=people["member_b"], body="Question ?")
    client.force_login(people["member_a"])
    post(client, procedure, "Réponse.", parent=first)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.bcc) == {"contact@alpha.example", "member_b@example.org"}
    assert "member_a@example.org" not in message.bcc  # not to the commenter themself
    assert "Réponse." in message.body
    assert procedure.title in message.subject
