"""A node of a three-node OpenSearch cluster stops in the middle of searches and publishes.

One index (the engine's own: one shard, the default one replica), the engine's own client (2 s timeout,
one retry) given the three nodes' addresses. The node holding the primary shard is stopped during a
bounded loop of publish + search rounds: every search must answer with every page, every publish must
succeed, the cluster must be green again on the two nodes left, and no published update may be lost.
"""

import os
import threading
from pathlib import Path

import pytest

from search.engines.base import EngineUnavailable, Reader, SearchQuery
from search.engines.elastic import ElasticsearchEngine, make_client
from search.models import SearchDocument
from tests.opensearch import node
from tests.search.elasticsearch_server import BRIDGE, URL_VARIABLE

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]  # synonyms are read from the database

PAGES = 10
ROUNDS = 150
STOP_AT = 50
ALIAS = "kbfault"


def page(pk, version):
    return SearchDocument(
        page_id=pk, title=f"Procédure {pk} version {version}", url=f"/p/{pk}/", audience=["public"]
    )


@pytest.fixture
def cluster():
    if os.environ.get(URL_VARIABLE) == "off":
        pytest.skip(f"{URL_VARIABLE}=off")
    if reason := node.missing_tools():
        pytest.skip(reason)
    classpath = node.build()
    common = {
        "cluster.name": f"kb-fault-{os.getpid()}",
        "cluster.initial_cluster_manager_nodes": "kb-fault-1",
    }
    first = node.Node("kb-fault-1", common)
    nodes = [first]
    try:
        first.start(classpath)
        # The others find the cluster through the first node's transport address; they boot together.
        nodes += [
            node.Node(f"kb-fault-{i}", {**common, "discovery.seed_hosts": first.transport}) for i in (2, 3)
        ]
        for other in nodes[1:]:
            other.launch(classpath)
        for other in nodes[1:]:
            other.wait_until_ready()
        health = node.request(
            f"{first.url}/_cluster/health?wait_for_nodes=3&wait_for_status=green&timeout=60s"
        )
        assert health["number_of_nodes"] == 3, health
        yield nodes
    finally:
        for each in nodes:
            each.stop()


def report(line):
    """Print the summary, and hand it to the run's terminal summary (tests/opensearch/plugin.py)."""
    print(line)
    state = os.environ.get(node.STATE_VARIABLE)
    if state:
        Path(state, f"summary-{os.getpid()}.txt").write_text(line + "\n")


def test_searches_and_publishes_survive_a_stopped_node(cluster):
    client = make_client([each.url for each in cluster], options=BRIDGE)
    engine = ElasticsearchEngine(client=client, index=ALIAS)
    engine.rebuild([page(pk, 0) for pk in range(PAGES)])
    [index] = client.indices.get_alias(name=ALIAS).body
    # Test set-up: re-allocate the lost copy at once instead of after the default minute's grace.
    client.indices.put_settings(index=index, settings={"index.unassigned.node_left.delayed_timeout": "0s"})
    client.cluster.health(index=index, wait_for_status="green", timeout="60s")
    shards = client.cat.shards(index=index, format="json").body
    assert sorted(shard["prirep"] for shard in shards) == ["p", "r"]  # one shard, one replica
    primary = next(shard["node"] for shard in shards if shard["prirep"] == "p")
    victim = next(each for each in cluster if each.name == primary)
    manager = node.request(f"{victim.url}/_cat/cluster_manager?format=json")[0]["node"]
    stopper = threading.Thread(target=victim.stop)

    expected, searches, failed_searches, publishes, failed_publishes = {}, 0, 0, 0, 0
    for round_ in range(1, ROUNDS + 1):
        if round_ == STOP_AT:
            stopper.start()  # in the background: the rounds go on while the node shuts down
        pk = round_ % PAGES
        try:
            engine.index_documents([page(pk, round_)])
            expected[pk] = page(pk, round_).title
            publishes += 1
        except EngineUnavailable:
            failed_publishes += 1
        try:
            results = engine.search(SearchQuery(text="procédure", reader=Reader.anonymous(), per_page=PAGES))
            searches += 1
            failed_searches += results.count != PAGES
        except EngineUnavailable:
            failed_searches += 1
    stopper.join()
    assert victim.process.poll() is not None

    survivor = next(each for each in cluster if each is not victim)
    health = node.request(f"{survivor.url}/_cluster/health?wait_for_status=green&timeout=60s", timeout=65)
    docs = client.mget(index=ALIAS, ids=[str(pk) for pk in range(PAGES)]).body["docs"]
    stored = {int(doc["_id"]): doc["_source"]["title"] for doc in docs if doc.get("found")}
    lost = sum(stored.get(pk) != title for pk, title in expected.items())
    role = "primary shard, cluster manager" if victim.name == manager else "primary shard"
    report(
        f"cluster fault test: {len(cluster)} nodes, stopped {victim.name} ({role}) at round {STOP_AT} "
        f"of {ROUNDS}; {searches} searches, {failed_searches} failed; {publishes} publishes, "
        f"{failed_publishes} failed; {lost} lost updates; cluster {health['status']} on "
        f"{health['number_of_nodes']} nodes"
    )
    assert (failed_searches, failed_publishes, lost) == (0, 0, 0)
    assert (health["status"], health["number_of_nodes"]) == ("green", 2)
    assert len(expected) == PAGES
