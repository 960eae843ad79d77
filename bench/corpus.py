"""Load the French corpus (handbook procedures, Debian tools) straight into the search index.

Until the practices and tooling page models land, each record becomes a bare Wagtail page (bulk
created under a "Corpus" page) and a SearchDocument built from the record, then the engine indexes
everything through `rebuild` (the same path as `manage.py search_reindex --engine-only`).
"""

import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from search.documents import boost_for
from search.engines.base import PUBLIC
from search.models import SearchDocument

PARENT_SLUG = "corpus-bench"


def records(corpus: Path):
    for line in (corpus / "procedures-fr.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        yield {
            "kind": "procedure",
            "title": record["title"],
            "summary": "",
            "body": record["body"],
            "category": record["chapter"],
            "external_id": record["id"],
        }
    for line in (corpus / "tools-fr.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        yield {
            "kind": "tool",
            "title": record["name"],
            "summary": record["summary"],
            "body": record["description"],
            "category": record["section"],
            "external_id": record["id"],
        }


@transaction.atomic
def load(corpus: Path) -> int:
    """(Re)create the corpus pages and their search documents. Returns the number of records."""
    root = Page.get_first_root_node()
    old = Page.objects.filter(slug=PARENT_SLUG, depth=2).first()
    if old is not None:
        old.delete()
        root.refresh_from_db()
    parent = root.add_child(instance=Page(title="Corpus", slug=PARENT_SLUG, live=True))
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    pages, documents = [], []
    for position, record in enumerate(records(corpus), start=1):
        slug = record["external_id"][:200]
        pages.append(
            Page(
                title=record["title"][:255],
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, position),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                content_type=content_type,
                locale=locale,
                first_published_at=now,
                last_published_at=now,
            )
        )
        documents.append(record)
    Page.objects.bulk_create(pages, batch_size=1000)
    Page.objects.filter(pk=parent.pk).update(numchild=len(pages))
    children = Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
    ids = dict(children.values_list("slug", "pk"))
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                page_id=ids[record["external_id"][:200]],
                url=f"/{PARENT_SLUG}/{record['external_id']}/",
                audience=[PUBLIC],
                boost=boost_for(record["kind"], record["title"]),
                date=now,
                **record,
            )
            for record in documents
        ],
        batch_size=1000,
    )
    return len(documents)
