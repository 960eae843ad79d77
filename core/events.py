"""Signals the shared core sends, so that feature apps can answer without the core importing them."""

from django.dispatch import Signal

# Sent by bulk importers and other writers that skip Page.save() (so without Wagtail's per-page
# signals; « Toujours valable » writes a date on the row): receivers such as the search index
# catch up with `page_ids` at once.
pages_bulk_imported = Signal()

# Sent with `cooperative=`: each receiver returns the ids of its pages that name that cooperative
# (their search documents follow its publication and privacy).
cooperative_dependents = Signal()

# Sent by the practices app with `comment=` and `mentioned=` (the users it names with @username,
# every one of whom may read the page) once a comment is saved: following notifies who it concerns.
comment_posted = Signal()
