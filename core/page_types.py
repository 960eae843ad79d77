"""Querysets of one page type that stay fast beside 21,000 tool pages."""

from django.contrib.contenttypes.models import ContentType


def pages_of(model):
    """The pages of exactly `model`, filtered on the page table's indexed content type too: without it
    SQLite's planner (it keeps no statistics) scans the whole page table to find a few dozen pages."""
    return model.objects.filter(content_type=ContentType.objects.get_for_model(model))
