"""Stalled readers of dumps and large results cannot take the threads that answer queries.

A store big enough that a dump outlasts every socket buffer (about 12 MB of N-Quads); 20 clients
ask for it (or for a large CONSTRUCT) and never read it, while a point query must still answer.
"""

from __future__ import annotations

import gc
import socket
import time
from urllib.parse import quote

import pytest
import requests
from conftest import start_server, stop_server
from pyoxigraph import Literal, NamedNode, Quad

from kg import store as kg_store

STALLED = 20


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    """A server with a 3 s send timeout over a store of 60,000 long-literal triples."""
    directory = tmp_path_factory.mktemp("big-store")
    db = kg_store.open_store(directory)
    graph = NamedNode("https://w3id.org/newskg/graph/article/stall")
    text = "a sentence long enough to make the dump large " * 3
    kg_store.add_quads(db, (Quad(NamedNode(f"urn:x:{i}"), NamedNode("urn:p"), Literal(f"{text}{i}"),
                                 graph) for i in range(60_000)))
    kg_store.publish_snapshot(db, directory)
    del db
    gc.collect()
    proc, base = start_server(directory, "--send-timeout", "3", "--timeout", "10")
    yield base
    stop_server(proc)


def stall(base: str, path: str) -> socket.socket:
    """Ask for `path`, read the status line, and read nothing more."""
    host, port = base.rsplit("//", 1)[1].split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    return sock


def test_stalled_readers_leave_queries_answered(big_server):
    socks = [stall(big_server, "/dump.nq") for _ in range(STALLED)]
    try:
        statuses = [s.recv(12).decode() for s in socks]
        sending = statuses.count("HTTP/1.1 200")
        assert 1 <= sending <= 4  # 2 workers x 1 stream per client (2 per worker in all)
        assert statuses.count("HTTP/1.1 503") == STALLED - sending
        started = time.monotonic()
        resp = requests.get(f"{big_server}/sparql", timeout=30,
                            params={"query": "SELECT ?o WHERE { <urn:x:7> ?p ?o }"})
        assert resp.status_code == 200 and "urn:x:7" not in resp.text
        assert time.monotonic() - started < 5  # generous; bench/ has the real latency
        deadline, answered = time.monotonic() + 30, None
        while time.monotonic() < deadline:  # the send timeout drops the stalled readers
            answered = requests.get(f"{big_server}/dump.nq", timeout=60)
            if answered.status_code == 200:
                break
            assert answered.headers.get("Retry-After")
            time.sleep(0.5)
        assert answered.status_code == 200 and len(answered.content) > 10_000_000
    finally:
        for s in socks:
            s.close()


def test_stalled_readers_of_large_results_are_bounded_too(big_server):
    construct = "/sparql?query=" + quote("CONSTRUCT WHERE { ?s ?p ?o }")
    socks = [stall(big_server, construct) for _ in range(3)]
    try:
        statuses = [s.recv(12).decode() for s in socks]
        assert 1 <= statuses.count("HTTP/1.1 200") <= 2
        assert statuses.count("HTTP/1.1 503") >= 1
    finally:
        for s in socks:
            s.close()
