"""Pytest hooks for the run's shared OpenSearch node (loaded by tests/conftest.py).

The main process (pytest itself, or xdist's controller) makes the run's state directory before the
workers start, so they inherit it through the environment; once the tests are collected, a process
with a test that needs a server starts the node in the background (node.shared_node: the first one
starts it, the others reuse it); the main process stops it when the run ends, whatever happened, and
reports what served the Elasticsearch tests.
"""

import contextlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path

from tests.opensearch import node

OWNER = "_kb_opensearch_state"


def pytest_configure(config):
    if hasattr(config, "workerinput") or node.STATE_VARIABLE in os.environ:
        return  # an xdist worker, or a run inside a run: the state belongs to the main process
    state = tempfile.mkdtemp(prefix="kb-opensearch-run-")
    os.environ[node.STATE_VARIABLE] = state
    setattr(config, OWNER, state)


def pytest_collection_finish(session):
    """Start the node while this process sets its test database up, if any selected test needs it."""
    if os.environ.get("KB_TEST_ELASTICSEARCH_URL") or node.STATE_VARIABLE not in os.environ:
        return
    if not node.missing_tools() and any(item.get_closest_marker("elasticsearch") for item in session.items):
        threading.Thread(target=warm_up, name="opensearch-warm-up", daemon=True).start()


def warm_up():
    with contextlib.suppress(Exception):  # the elasticsearch_server fixture reports the failure
        node.shared_node()


def pytest_terminal_summary(terminalreporter, config):
    state = getattr(config, OWNER, None)
    if state is None:
        return
    details, failure = Path(state) / "node.json", Path(state) / "failed.txt"
    if details.exists():
        info = json.loads(details.read_text())
        terminalreporter.write_line(
            f"Elasticsearch tests ran on {info['name']}: {info['distribution']} {info['number']} "
            f"at {info['url']} (started in {info['startup_seconds']} s)"
        )
    elif failure.exists():
        terminalreporter.write_line(f"OpenSearch test node failed to start: {failure.read_text()[:500]}")
    elif os.environ.get("KB_TEST_ELASTICSEARCH_URL"):
        url = re.sub(r"//[^/@]*@", "//", os.environ["KB_TEST_ELASTICSEARCH_URL"])  # no credentials
        terminalreporter.write_line(f"Elasticsearch tests: KB_TEST_ELASTICSEARCH_URL={url}")
    elif node.missing_tools():
        terminalreporter.write_line(f"Elasticsearch tests skipped: {node.missing_tools()}")
    for summary in sorted(Path(state).glob("summary-*.txt")):  # test_cluster_faults.py
        terminalreporter.write_line(summary.read_text().strip())


def pytest_unconfigure(config):
    state = getattr(config, OWNER, None)
    if state is not None:
        node.stop_shared_node(state)
        os.environ.pop(node.STATE_VARIABLE, None)
