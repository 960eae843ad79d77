"""A publish schedules the followers' notifications once its transaction commits."""

from functools import partial

from django.db import transaction

from wagtail.signals import page_published

from .fanout import has_followers
from .tasks import notify_followers


def on_published(sender, instance, revision=None, **kwargs):
    if has_followers(instance):
        transaction.on_commit(
            partial(notify_followers.enqueue, instance.pk, revision.pk if revision else None)
        )


def connect():
    page_published.connect(on_published, dispatch_uid="following.on_published")
