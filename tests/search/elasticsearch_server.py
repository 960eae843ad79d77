"""An Elasticsearch-compatible server for the tests, and an engine bound to it.

- KB_TEST_ELASTICSEARCH_URL set: that real server is used as it is.
- Otherwise osmem-server (in-memory OpenSearch-compatible, requirements/dev.txt) is started on a
  free loopback port. Its differences are bridged HERE, in the test set-up, never in production code:
  * the 8.x client sends `application/vnd.elasticsearch+json; compatible-with=8`, which osmem
    answers with 406: a test-only transport node rewrites it to plain `application/json`;
  * osmem ignores the `elision` token filter and its `light_french` stemmer matches every
    document: the engine is configured (KB_ELASTICSEARCH_ANALYSIS) to split at apostrophes and
    drop the lone articles, and to stem with Snowball `french`, which osmem does emulate.
See search/engines/ELASTICSEARCH.md.
"""

import importlib.util
import os
import re
import uuid
from dataclasses import dataclass, field

import pytest
from elastic_transport import Urllib3HttpNode

URL_VARIABLE = "KB_TEST_ELASTICSEARCH_URL"
OSMEM_ANALYSIS = {"stemmer": "french", "elision": "split"}
COMPATIBLE_MEDIA_TYPE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+); ?compatible-with=\d+")


class PlainMediaTypeNode(Urllib3HttpNode):
    """Sends `application/json` where the 8.x client asks for its versioned media type."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = COMPATIBLE_MEDIA_TYPE.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


@dataclass
class TestServer:
    url: str
    client_options: dict = field(default_factory=dict)
    analysis: dict | None = None
    emulated: bool = False  # True for osmem: see ELASTICSEARCH.md for what it does not emulate


def elasticsearch_server_available():
    """A real server is named, or osmem-server is installed (KB_TEST_ELASTICSEARCH_URL=off: neither)."""
    url = os.environ.get(URL_VARIABLE, "")
    if url == "off":
        return False
    return bool(url) or importlib.util.find_spec("osmem_server") is not None


def start_osmem():
    osmem = pytest.importorskip("osmem_server", reason="osmem-server is not installed")
    try:
        return osmem.OsmemServer.start(addr="127.0.0.1:0", japanese=False, startup_timeout=30)
    except osmem.OsmemError as error:
        pytest.skip(f"osmem-server could not start: {error}")


@pytest.fixture(scope="session")
def elasticsearch_server():
    url = os.environ.get(URL_VARIABLE)
    if url == "off":
        pytest.skip(f"{URL_VARIABLE}=off")
    if url:
        yield TestServer(url)
        return
    server = start_osmem()
    try:
        yield TestServer(
            server.url,
            client_options={"node_class": PlainMediaTypeNode},
            analysis=OSMEM_ANALYSIS,
            emulated=True,
        )
    finally:
        server.close()


@pytest.fixture
def elasticsearch_settings(elasticsearch_server, settings):
    """Settings pointing the engine at the test server, with an alias of its own per test."""
    from search import engines

    settings.KB_SEARCH_ENGINE = "elasticsearch"
    settings.KB_ELASTICSEARCH_URL = elasticsearch_server.url
    settings.KB_ELASTICSEARCH_CLIENT_OPTIONS = elasticsearch_server.client_options
    settings.KB_ELASTICSEARCH_ANALYSIS = elasticsearch_server.analysis
    settings.KB_ELASTICSEARCH_INDEX = f"kbtest-{uuid.uuid4().hex[:12]}"
    engines._build.cache_clear()  # the engine is built once per settings; rebuild it for this test
    yield settings
    engines._build.cache_clear()


@pytest.fixture
def es_engine(elasticsearch_settings):
    from search.engines.elastic import ElasticsearchEngine

    engine = ElasticsearchEngine()
    yield engine
    engine.client.indices.delete(index=f"{engine.alias}-*", ignore_unavailable=True, allow_no_indices=True)
