"""What posting, editing and deleting a comment does, apart from the request that asks for it:
the comment saved, the people it concerns told (e-mail, core.events.comment_posted)."""

from django.utils import timezone

from core.events import comment_posted
from practices.mentions import usernames
from practices.models.comments import Comment
from practices.notifications import notify_new_comment


def reply_target(page, parent_id):
    """The visible top-level comment of this page a reply attaches to (one level of threading),
    or None when it is gone."""
    return Comment.objects.visible().filter(page=page, parent__isnull=True, pk=parent_id).first()


def post(page, author, body, parent, people):
    """A new comment by `author`, naming `people`; the cooperative and the thread hear of it."""
    comment = Comment.objects.create(page=page, parent=parent, author=author, body=body)
    notify_new_comment(comment, page.full_url)
    comment_posted.send(Comment, comment=comment, mentioned=people, edited=False)
    return comment


def edit(comment, body, people):
    """The comment now says `body`; only the members it names for the first time hear of it."""
    before = set(usernames(comment.body))
    comment.body = body
    comment.edited = timezone.now()
    comment.save(update_fields=["body", "edited"])
    named = [user for user in people if user.username not in before]
    comment_posted.send(Comment, comment=comment, mentioned=named, edited=True)


def remove(comment):
    comment.status = Comment.Status.REMOVED
    comment.save(update_fields=["status"])
