"""Re-record the JSON responses used by test_elasticsearch_responses.py.

    KB_TEST_ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python tests/search/es_responses/record.py

Without the variable it starts an OpenSearch test node (tests/opensearch/, needs Java and Maven). It indexes
SAMPLE_ROWS, runs the engine's own request bodies and saves the raw answers beside this file.
"""

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopkb.settings.test")

import django  # noqa: E402

django.setup()

from search.engines import es_query  # noqa: E402
from search.engines.base import Reader, SearchQuery  # noqa: E402
from search.engines.elastic import ElasticsearchEngine, make_client  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from tests.search import elasticsearch_server  # noqa: E402

DATE = datetime(2026, 3, 1, 12, tzinfo=UTC)
SAMPLE_ROWS = [
    SearchDocument(
        page_id=11,
        kind="procedure",
        title="Événements de sauvegarde",
        summary="Sauvegarder les serveurs chaque nuit",
        body="On sauvegarde les bases avec l'outil restic, puis on vérifie <la> restauration.",
        tags=["sauvegarde", "serveurs"],
        category="Infrastructure",
        region="Île-de-France",
        cooperatives=["Coop Alpha"],
        url="/pratiques/evenements-de-sauvegarde/",
        audience=["public"],
        date=DATE,
    ),
    SearchDocument(
        page_id=12,
        kind="tool",
        title="restic",
        summary="Sauvegarde chiffrée et dédupliquée",
        body="Outil de sauvegarde en ligne de commande.",
        tags=["sauvegarde"],
        category="Sauvegarde",
        cooperatives=["Coop Alpha", "Coop Beta"],
        ring="adopt",
        score=4.5,
        external_id="deb-restic",
        url="/outils/restic/",
        audience=["public"],
        date=DATE,
    ),
]


def main():
    server = None
    url = os.environ.get(elasticsearch_server.URL_VARIABLE)
    if not url:
        from tests.opensearch.node import Node

        server = Node("kb-record", {"discovery.type": "single-node"}).start()
        server.wait_for_status("green")
        url = server.url
    client = make_client(url, options=elasticsearch_server.describe(url).client_options)
    engine = ElasticsearchEngine(client=client, index="kb-record")
    engine.rebuild(SAMPLE_ROWS)
    query = SearchQuery(text="sauvegardes", filters={"kind": ("tool",)})
    bodies = {
        "search_sauvegardes.json": es_query.KbFacetedSearch(query, engine.alias).body(),
        "autocomplete_eve.json": es_query.autocomplete_body("évé", Reader.anonymous(), 8),
        "did_you_mean_sauvgardes.json": es_query.did_you_mean_body("evenemnts sauvgarde", Reader.anonymous()),
    }
    for filename, body in bodies.items():
        raw = engine.client.search(index=engine.alias, body=body).body
        (HERE / filename).write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n")
    engine.client.indices.delete(index="kb-record-*")
    if server:
        server.stop()


if __name__ == "__main__":
    main()
