"""Reading Elasticsearch request bodies in tests."""


def find(tree, key):
    """Every value stored under `key` anywhere in a nested request body."""
    found = []
    if isinstance(tree, dict):
        for name, value in tree.items():
            if name == key:
                found.append(value)
            found += find(value, key)
    elif isinstance(tree, list):
        for item in tree:
            found += find(item, key)
    return found
