"""Shared fixtures: the seed graph built once into a real on-disk store."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.config import SEEDS_DIR
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store directory holding the graph built from seeds/ (do not write to it)."""
    directory = tmp_path_factory.mktemp("seed-store")
    build([str(SEEDS_DIR)], directory)
    return directory


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store_dir: Path | None, *extra: str, env: dict | None = None):
    """`kg serve` as a real subprocess on 127.0.0.1; returns (process, base URL).

    `env` adds environment variables (KG_UPDATE_TOKEN ...) to the server's; no `store_dir`
    when `extra` gives --remote.
    """
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", *(["--store", str(store_dir)] if store_dir else []),
         "--host", "127.0.0.1", "--port", str(port), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a loaded CI machine starts gunicorn slowly
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("kg serve exited") from None
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("kg serve did not come up")


def stop_server(proc) -> None:
    """Stop a `kg serve` subprocess: gracefully, then for good if it lingers on a loaded machine."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


@contextmanager
def serving(store_dir: Path, how: str, *extra: str):
    """`kg serve` on a store; with how="remote", a second `kg serve --remote` in front of it
    (server/remote.py), which the tests then talk to. Yields the base URL they use."""
    proc, base = start_server(store_dir, *extra)
    procs = [proc]
    try:
        if how == "remote":
            front, base = start_server(None, "--remote", base + "/sparql", *extra)
            procs.append(front)
        yield base
    finally:
        for p in reversed(procs):
            stop_server(p)


# The HTTP tests that do not write run against the embedded store and through --remote.
SERVED = pytest.fixture(scope="session", params=["embedded", "remote"])


@SERVED
def live_server(seed_store, request):
    """The real app under gunicorn on 127.0.0.1 serving the seed store; yields its base URL."""
    with serving(seed_store, request.param, "--timeout", "5") as base:
        yield base


@pytest.fixture(scope="session")
def wikidata_standin(seed_store):
    """A stand-in for Wikidata's SPARQL endpoint on 127.0.0.1, answering SPARQL JSON results.

    It evaluates each query it receives over a tiny graph: every place the seed graph links
    to Wikidata is in Syria (wdt:P17 wd:Q858) with a population of 1000 + n. Yields
    (endpoint URL, list of the query texts received).
    """
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs

    from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, Store

    from kg.store import open_for_reading
    from kg.vocab import PREFIXES, WD, WDT

    seed = open_for_reading(seed_store)
    items = sorted({row["item"].value for row in seed.query(
        "SELECT ?item WHERE { ?e owl:sameAs ?item ; a/rdfs:subClassOf* nkg:Place }",
        prefixes=PREFIXES)})
    remote = Store()
    for n, item in enumerate(items):
        node = NamedNode(item)
        remote.add(Quad(node, WDT.P17, WD.Q858))
        remote.add(Quad(node, WDT.P1082, Literal(1000 + n)))
        remote.add(Quad(node, NamedNode("http://schema.org/description"),
                        Literal("a place (stand-in)", language="en")))
    received: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.answer(parse_qs(self.path.partition("?")[2]).get("query", [""])[0])

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                self.answer(body)
            else:
                self.answer(parse_qs(body).get("query", [""])[0])

        def answer(self, query: str) -> None:
            received.append(query)
            try:
                out = remote.query(query).serialize(format=QueryResultsFormat.JSON)
                status = 200
            except SyntaxError as err:
                out, status = str(err).encode(), 400
            self.send_response(status)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", received
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def views_store(tmp_path_factory) -> Path:
    """A store of the seeds and tests/data/views_articles.jsonl (dated articles about killings,
    abductions and air strikes in Syria, written for these tests): for the browsing views."""
    directory = tmp_path_factory.mktemp("views-store")
    build([str(SEEDS_DIR), str(ROOT / "tests" / "data" / "views_articles.jsonl")], directory)
    return directory


@pytest.fixture(scope="module", params=["embedded", "remote"])
def views_server(views_store, request):
    """`kg serve` on the views store, one per test module (and way of serving); its base URL."""
    with serving(views_store, request.param, "--timeout", "20") as base:
        yield base
