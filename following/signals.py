"""A publish schedules the followers' notifications once its transaction commits."""

from functools import partial

from django.db import transaction

from wagtail.signals import page_published

from core.events import comment_posted

from .fanout import has_followers, notify_of_comment
from .tasks import notify_followers


def on_published(instance, revision=None, **kwargs):
    if has_followers(instance):
        transaction.on_commit(
            partial(notify_followers.enqueue, instance.pk, revision.pk if revision else None)
        )


def on_comment(comment, mentioned, edited, **kwargs):
    # A few rows at most (the page's followers and the people named): no task needed.
    notify_of_comment(comment, mentioned, edited)


def connect():
    page_published.connect(on_published, dispatch_uid="following.on_published")
    comment_posted.connect(on_comment, dispatch_uid="following.on_comment")
