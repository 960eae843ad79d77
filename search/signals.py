"""Keep the search index in step with the page tree: every change schedules a refresh of the
pages it touches after the transaction commits (so a rolled-back edit never shows)."""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.events import pages_bulk_imported
from core.searchable import Searchable

from . import synonyms
from .documents import with_descendants
from .models import SynonymGroup
from .tasks import index_pages_for_admin, refresh_pages


def schedule(page_ids, subtree=False):
    """Refresh these pages (and their subtrees) once the current transaction commits."""
    page_ids = with_descendants(page_ids) if subtree else sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(partial(refresh_pages.enqueue, page_ids))


def on_published(instance, **kwargs):
    schedule([instance.pk])


def on_unpublished(instance, **kwargs):
    schedule([instance.pk])


def on_moved_or_renamed(instance, **kwargs):
    schedule([instance.pk], subtree=True)


def on_page_deleted(instance, **kwargs):
    schedule([instance.pk])


def before_page_deleted(instance, **kwargs):
    """What a deleted page's dependents are can only be asked while it still exists."""
    specific = instance.specific_deferred
    if isinstance(specific, Searchable):
        schedule(specific.search_dependents())


def on_restriction_changed(instance, raw=False, **kwargs):
    if not raw:
        schedule([instance.page_id], subtree=True)


def on_restriction_groups_changed(instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        schedule([instance.page_id], subtree=True)


def on_comment_changed(instance, raw=False, **kwargs):
    if not raw and instance.page_id:
        schedule([instance.page_id])


def on_bulk_import(page_ids, **kwargs):
    """Bulk writes skip Page.save(): bring our index and Wagtail's (admin page search) up to date."""
    schedule(page_ids)
    transaction.on_commit(partial(index_pages_for_admin.enqueue, sorted(set(page_ids))))


def on_synonyms_changed(**kwargs):
    synonyms.forget()


def connect():
    page_published.connect(on_published, dispatch_uid="kbsearch-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="kbsearch-unpublished")
    post_page_move.connect(on_moved_or_renamed, dispatch_uid="kbsearch-moved")
    page_slug_changed.connect(on_moved_or_renamed, dispatch_uid="kbsearch-slug")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="kbsearch-page-deleted")
    pre_delete.connect(before_page_deleted, sender=Page, dispatch_uid="kbsearch-page-dependents")
    for signal in (post_save, post_delete):
        signal.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-pvr")
        signal.connect(on_synonyms_changed, sender=SynonymGroup, dispatch_uid="kbsearch-synonyms")
    m2m_changed.connect(
        on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="kbsearch-pvr-groups",
    )
    if apps.is_installed("practices"):
        try:
            comment = apps.get_model("practices", "Comment")
        except LookupError:
            comment = None  # the practices app has not got comments (yet)
        if comment is not None:
            for signal in (post_save, post_delete):
                signal.connect(on_comment_changed, sender=comment, dispatch_uid="kbsearch-comment")
    pages_bulk_imported.connect(on_bulk_import, dispatch_uid="kbsearch-bulk-import")
