"""Wagtail's own search index (the admin's page search) for pages written in bulk.

Bulk importers skip Page.save(), so modelsearch's post_save handler never indexes their pages.
`pages_bulk_imported` hands their ids over and they are indexed here a batch at a time: one query
per model and batch (related fields prefetched) and one bulk write per backend, instead of one
`insert_or_update_object` (several queries and an index write) per page.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.search.index import class_is_indexed

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000


def index_pages(page_ids: Iterable[int]) -> None:
    """Add or update these pages in every auto-updated Wagtail search backend."""
    page_ids = sorted(set(page_ids))
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        by_type = defaultdict(list)
        for pk, content_type_id in Page.objects.filter(pk__in=batch).values_list("pk", "content_type_id"):
            by_type[content_type_id].append(pk)
        for content_type_id, ids in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not class_is_indexed(model):
                continue
            objects = list(model.get_indexed_objects().filter(pk__in=ids))
            for backend in backends:
                try:
                    backend.add_bulk(model, objects)
                except Exception:  # like modelsearch's own handler: a search index never fails an import
                    logger.exception("Wagtail search index: %d %s pages not indexed", len(objects), model)
