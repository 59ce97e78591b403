"""A saved query runs where it can be killed: a runaway one is stopped at the server's timeout."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

from conftest import start_server, stop_server

SLOW = """#+ title: Everything three times
#+ description: A cross product that never ends on any real store.
SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }
"""
FAST = """#+ title: Articles
#+ description: Every article.
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?a WHERE { ?a a nkg:Article }
"""


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_runaway_saved_query_is_stopped_while_others_answer(seed_store, tmp_path):
    (tmp_path / "slow.rq").write_text(SLOW)
    (tmp_path / "fast.rq").write_text(FAST)
    proc, base = start_server(seed_store, "--timeout", "3", "--queries", str(tmp_path))
    try:
        slow: dict = {}
        worker = threading.Thread(target=lambda: slow.update(
            zip(("status", "body"), get(f"{base}/queries/slow.json"))))
        worker.start()
        status, body = get(f"{base}/queries/fast.json")
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
        worker.join(timeout=60)
        assert slow["status"] == 503 and "timeout" in slow["body"]
        status, _ = get(f"{base}/queries/fast.json")
        assert status == 200
    finally:
        stop_server(proc)
