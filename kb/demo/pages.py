"""What the apps' demo loaders share: pages added once, so a rerun of the demo adds only what is missing."""


def published_child(factory, parent, slug, **fields):
    """The child of `parent` with this slug, built and published by `factory` if missing: (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    return factory(parent=parent, slug=slug, **fields), True
