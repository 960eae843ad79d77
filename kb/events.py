"""Signals the shared core sends, so that feature apps can answer without the core importing them."""

from django.dispatch import Signal

# Sent by bulk importers that write pages without Page.save() (so without Wagtail's
# per-page signals): receivers such as the search index catch up with `page_ids` at once.
pages_bulk_imported = Signal()

# Sent with `cooperative=`: each receiver returns the ids of its pages that name that cooperative
# (their search documents follow its publication and privacy).
cooperative_dependents = Signal()
