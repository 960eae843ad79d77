# The Elasticsearch-compatible test server and an engine bound to it (see that module's docstring).
from tests.search.elasticsearch_server import elasticsearch_server, elasticsearch_settings, es_engine  # noqa: F401
