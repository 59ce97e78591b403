"""The server cannot be made to call hosts off its allow-list, by any spelling of a query or update.

One server for the module, with an allow-listed stand-in endpoint on 127.0.0.1 and /update on;
a bare listener on 127.0.0.1 (not allowed) must receive nothing from the whole fuzz corpus.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from conftest import start_server, stop_server
from listeners import SECRET, Listener, StandIn
from ssrf_corpus import queries, updates, variables

from kg import store as kg_store

TOKEN = "fuzz-token-0123456789"


@pytest.fixture(scope="module")
def net(tmp_path_factory):
    """(base URL, listener, stand-in): a server allowing only the stand-in's two endpoints."""
    directory = tmp_path_factory.mktemp("ssrf-store")
    db = kg_store.open_store(directory)
    kg_store.ensure_ontology(db)
    kg_store.publish_snapshot(db, directory)
    del db
    gc.collect()
    listener, standin = Listener(), StandIn()
    proc, base = start_server(directory, "--allow-service", standin.url, "--allow-service",
                              standin.failing, "--allow-update", "--timeout", "10",
                              env={"KG_UPDATE_TOKEN": TOKEN})
    yield base, listener, standin
    stop_server(proc)
    listener.close()
    standin.close()


def query(base: str, text: str) -> requests.Response:
    return requests.post(f"{base}/sparql", data={"query": text}, timeout=60)


def update(base: str, text: str) -> requests.Response:
    return requests.post(f"{base}/update", data=text.encode(), timeout=60,
                         headers={"Content-Type": "application/sparql-update",
                                  "Authorization": f"Bearer {TOKEN}"})


def test_the_fuzz_corpus_never_reaches_the_listener(net):
    base, listener, standin = net
    texts = [("q", q) for q in queries(listener.url, standin.url, 160) + variables(listener.url)]
    texts += [("u", u) for u in updates(listener.url, standin.url)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda kt: (query if kt[0] == "q" else update)(base, kt[1]),
                                texts))
    assert listener.connections == 0
    statuses = [a.status_code for a in answers]
    bad = [(t, a.status_code, a.text[:200]) for t, a in zip(texts, answers)
           if a.status_code not in (200, 400)]
    assert not bad, bad[:5]
    assert statuses.count(400) > 0.9 * len(statuses)
    refused = [a.text for a in answers if a.status_code == 400]
    assert all("allow" in text or "not accepted" in text or "syntax" in text
               or "declared twice" in text or "keywords" in text for text in refused)


def test_an_allow_listed_endpoint_is_called(net):
    base, listener, standin = net
    before = len(standin.received)
    for text in (f"SELECT * WHERE {{ SERVICE <{standin.url}> {{ ?s ?p ?o }} }}",
                 f"SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{standin.url}> {{ ?s ?p ?o }} }} }}",
                 (f"PREFIX r: <{standin.url.rpartition('/')[0]}/>\n"
                  "SELECT * WHERE { { SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } } } }")):
        resp = query(base, text)
        assert resp.status_code == 200, resp.text
    resp = update(base, f"INSERT {{ <urn:x> <urn:p> <urn:o> }} WHERE {{ SERVICE <{standin.url}> "
                        "{ ?s ?p ?o } }")
    assert resp.status_code == 200, resp.text
    assert len(standin.received) == before + 4
    assert listener.connections == 0


def test_a_failing_remote_gives_its_status_never_its_body(net):
    base, _, standin = net
    resp = query(base, f"SELECT * WHERE {{ SERVICE <{standin.failing}> {{ ?s ?p ?o }} }}")
    assert resp.status_code == 502
    assert resp.text.startswith("remote service failed (HTTP 500)")
    assert SECRET.decode() not in resp.text and "hunter2" not in resp.text


def test_a_query_the_guard_cannot_read_runs_sealed(net):
    base, listener, standin = net
    depth = 300  # deeper than rdflib's parser can follow, not than pyoxigraph's
    text = ("SELECT * WHERE " + "{ " * depth + f"SERVICE <{listener.url}> {{ ?s ?p ?o }}"
            + " }" * depth)
    resp = query(base, text)
    assert resp.status_code == 400 and "not allowed" in resp.text
    text = ("SELECT * WHERE " + "{ " * depth + f"SERVICE <{standin.url}> {{ ?s ?p ?o }}"
            + " }" * depth)
    before = len(standin.received)
    assert query(base, text).status_code == 400
    assert len(standin.received) == before and listener.connections == 0


def test_a_sealed_process_cannot_make_a_socket():
    code = ("import socket, sys\nfrom server.sandbox import seal_network\n"
            "assert seal_network()\ntry:\n    socket.socket()\nexcept PermissionError:\n"
            "    sys.exit(7)\n")
    assert subprocess.run([sys.executable, "-c", code], timeout=60, check=False).returncode == 7
