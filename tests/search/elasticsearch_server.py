"""An Elasticsearch-compatible server for the tests, and an engine bound to it.

- KB_TEST_ELASTICSEARCH_URL=http://…: that running cluster (Elasticsearch, or OpenSearch: bridged);
- KB_TEST_ELASTICSEARCH_URL=off: the tests that need a server are skipped;
- otherwise a real OpenSearch 2.19 node (tests/opensearch/, built from Maven Central artifacts) is
  started once per test run and shared by the xdist workers; without Java or Maven those tests are
  skipped and the summary says why.

The engine runs with its production analysis chain (elision, light_french…). OpenSearch's protocol
differences from Elasticsearch 8 are bridged HERE, in the test set-up, never in production code:
  * the 8.x client sends `application/vnd.elasticsearch+json; compatible-with=8`, which OpenSearch
    refuses as a Content-Type (406): a test-only transport node sends plain `application/json`;
  * the client refuses to talk to a server whose answers lack `X-Elastic-Product: Elasticsearch`:
    the same node adds the header to OpenSearch's answers.
See search/engines/ELASTICSEARCH.md.
"""

import os
import re
import uuid
from dataclasses import dataclass, field

import pytest
from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch

from tests.opensearch import node

URL_VARIABLE = "KB_TEST_ELASTICSEARCH_URL"
COMPATIBLE_MEDIA_TYPE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+); ?compatible-with=\d+")
PRODUCT_HEADER = "x-elastic-product"


class OpenSearchBridgeNode(Urllib3HttpNode):
    """Speaks to OpenSearch as the 8.x client expects Elasticsearch to answer (tests only)."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = COMPATIBLE_MEDIA_TYPE.sub(r"application/\1", headers[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        response.meta.headers.setdefault(PRODUCT_HEADER, "Elasticsearch")
        return response


BRIDGE = {"node_class": OpenSearchBridgeNode}


@dataclass
class TestServer:
    url: str
    name: str = ""
    distribution: str = "elasticsearch"
    number: str = ""
    client_options: dict = field(default_factory=dict)

    @property
    def is_opensearch(self):
        return self.distribution == "opensearch"


def elasticsearch_server_wanted():
    """False only with KB_TEST_ELASTICSEARCH_URL=off; without Java or Maven the fixture skips, saying why."""
    return os.environ.get(URL_VARIABLE, "") != "off"


def describe(url):
    """A TestServer from the cluster's `GET /` answer, bridged when it is OpenSearch."""
    # Asked through the bridge, which Elasticsearch answers as it is; credentials and TLS as for the engine.
    info = Elasticsearch(url, node_class=OpenSearchBridgeNode, request_timeout=10).info().body
    distribution = info["version"].get("distribution", "elasticsearch")
    return TestServer(
        url,
        name=info["name"],
        distribution=distribution,
        number=info["version"]["number"],
        client_options=BRIDGE if distribution == "opensearch" else {},
    )


@pytest.fixture(scope="session")
def elasticsearch_server():
    url = os.environ.get(URL_VARIABLE)
    if url == "off":
        pytest.skip(f"{URL_VARIABLE}=off")
    if not url:
        if reason := node.missing_tools():
            pytest.skip(reason)
        url = node.shared_node()["url"]
    server = describe(url)
    print(f"Elasticsearch tests on {server.name}: {server.distribution} {server.number} at {server.url}")
    return server


@pytest.fixture
def elasticsearch_settings(elasticsearch_server, settings):
    """Settings pointing the engine at the test server, with an alias of its own per test."""
    from search import engines

    settings.KB_SEARCH_ENGINE = "elasticsearch"
    settings.KB_ELASTICSEARCH_URL = elasticsearch_server.url
    settings.KB_ELASTICSEARCH_CLIENT_OPTIONS = elasticsearch_server.client_options
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
