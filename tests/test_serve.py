"""`kg serve` as a process: live rebuilds, SPARQL Update behind a token, row cap, CORS off."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from conftest import start_server, stop_server

from kg import store as kg_store
from kg.config import SEEDS_DIR
from kg.pipeline import build
from server.run import update_token

NKG = "https://w3id.org/newskg/ontology#"
ARTICLES = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{NKG}Article> }}"
TOKEN = "s3cret-token"
G = "http://example.org/graph/test"


def n_articles(base: str) -> tuple[int, int]:
    """(HTTP status, number of articles) from the server."""
    resp = requests.get(f"{base}/sparql", params={"query": ARTICLES}, timeout=60)
    if resp.status_code != 200:
        return resp.status_code, -1
    return 200, int(resp.json()["results"]["bindings"][0]["n"]["value"])


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started by a test."""
    stop_server(proc)


@pytest.fixture(scope="module")
def update_server(tmp_path_factory):
    """A server with /update on, over a store holding only the ontology."""
    directory = tmp_path_factory.mktemp("update-store")
    db = kg_store.open_store(directory)
    kg_store.ensure_ontology(db)
    kg_store.publish_snapshot(db, directory)
    del db
    gc.collect()
    token_file = directory / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    proc, base = start_server(directory, "--allow-update", "--token-file", str(token_file),
                              "--timeout", "20")
    yield base, directory
    stop(proc)


def ask(base: str, query: str) -> bool:
    """A boolean answer from the server."""
    resp = requests.get(f"{base}/sparql", params={"query": query}, timeout=60)
    assert resp.status_code == 200, resp.text
    return resp.json()["boolean"]


def eventually(base: str, query: str) -> bool:
    """Whether an ASK becomes true within a bounded wait (snapshots are reopened each second)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if ask(base, query):
            return True
        time.sleep(0.3)
    return False


def post_update(base: str, text: str, token: str | None = TOKEN) -> requests.Response:
    """POST an update as application/sparql-update."""
    headers = {"Content-Type": "application/sparql-update"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(f"{base}/update", data=text.encode(), headers=headers, timeout=60)


def test_build_while_serving(tmp_path):
    articles = sorted(p for p in Path(SEEDS_DIR).glob("*.txt"))
    build([str(articles[0])], tmp_path)
    proc, base = start_server(tmp_path)
    try:
        assert n_articles(base) == (200, 1)
        builder = subprocess.Popen([sys.executable, "-m", "kg", "build", str(articles[1]),
                                    "--store", str(tmp_path), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        polls, seen = [], 1
        deadline = None
        while seen < 2:
            status, seen = n_articles(base)
            polls.append(status)
            if builder.poll() is not None and deadline is None:
                if builder.returncode != 0:
                    break
                deadline = time.monotonic() + 30
            if deadline is not None and time.monotonic() > deadline:
                break
            time.sleep(0.2)
        builder.wait(timeout=120)
        assert builder.returncode == 0, builder.stderr.read().decode()
        assert all(code == 200 for code in polls)
        assert seen == 2
    finally:
        stop(proc)


def void_counts(base: str) -> tuple[int, int]:
    """(triples, Article entities) from the server's VoID description."""
    import rdflib

    g = rdflib.Graph().parse(data=requests.get(f"{base}/.well-known/void", timeout=60).text,
                             format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = g.value(predicate=rdflib.RDF.type, object=void.Dataset)
    articles = next(int(g.value(p, void.entities)) for p in g.objects(ds, void.classPartition)
                    if g.value(p, void["class"]) == rdflib.URIRef(NKG + "Article"))
    return int(g.value(ds, void.triples)), articles


def test_void_statistics_follow_new_snapshots(tmp_path):
    articles = sorted(p for p in Path(SEEDS_DIR).glob("*.txt"))
    build([str(articles[0])], tmp_path)
    proc, base = start_server(tmp_path)
    try:
        first = void_counts(base)
        assert first[1] == 1 and void_counts(base) == first  # kept while the store is the same
        build([str(articles[1])], tmp_path)  # publishes a new snapshot
        deadline = time.monotonic() + 30
        while (now := void_counts(base)) == first:
            assert time.monotonic() < deadline, "VoID still gives the old store's counts"
            time.sleep(0.3)
        assert now[1] == 2 and now[0] > first[0]
    finally:
        stop(proc)


def test_update_needs_the_token(update_server):
    base, _ = update_server
    insert = f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/a> <{NKG}p> "x" }} }}'
    for token in (None, "wrong"):
        resp = post_update(base, insert, token)
        assert resp.status_code == 401 and "Bearer" in resp.headers["WWW-Authenticate"]
    assert not ask(base, f"ASK {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")


def test_update_with_the_token(update_server):
    base, _ = update_server
    insert = f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/b> <{NKG}p> "y" }} }}'
    resp = post_update(base, insert)
    assert resp.status_code == 200, resp.text
    assert eventually(base, f'ASK {{ GRAPH <{G}> {{ <http://example.org/b> ?p "y" }} }}')


def test_update_by_form(update_server):
    base, _ = update_server
    insert = f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/f> <{NKG}p> "f" }} }}'
    resp = requests.post(f"{base}/update", data={"update": insert}, timeout=60,
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 200, resp.text
    assert eventually(base, 'ASK { <http://example.org/f> ?p "f" }')


def test_update_to_default_graph_lands_in_a_named_graph(update_server):
    base, _ = update_server
    resp = post_update(base, f'INSERT DATA {{ <http://example.org/c> <{NKG}p> "z" }}')
    assert resp.status_code == 200, resp.text
    manual = "https://w3id.org/newskg/graph/manual"
    assert eventually(base, f'ASK {{ GRAPH <{manual}> {{ <http://example.org/c> ?p "z" }} }}')


@pytest.mark.parametrize("text", [
    ("INSERT { GRAPH <http://example.org/g> { ?s ?p ?o } } "
    "WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"),
    "LOAD <http://127.0.0.1:1/data.ttl> INTO GRAPH <http://example.org/g>",
])
def test_update_cannot_reach_the_network(update_server, text):
    resp = post_update(update_server[0], text)
    assert resp.status_code == 400 and "not allowed" in resp.text


def test_update_syntax_error_is_400(update_server):
    resp = post_update(update_server[0], "INSERT DATA {")
    assert resp.status_code == 400 and "syntax error" in resp.text.lower()


def test_update_while_store_is_held_is_503(update_server):
    base, directory = update_server
    held = kg_store.open_store(directory)
    try:
        resp = post_update(base, f'INSERT DATA {{ GRAPH <{G}> {{ <http://x/d> <{NKG}p> "d" }} }}')
        assert resp.status_code == 503 and "store busy" in resp.text
    finally:
        del held
        gc.collect()


def test_allow_update_without_token_generates_one():
    config = update_token({"ALLOW_UPDATE": True, "UPDATE_TOKEN": None})
    assert len(config["UPDATE_TOKEN"]) >= 24
    assert update_token({"ALLOW_UPDATE": False})["ALLOW_UPDATE"] is False


def test_row_cap_and_cors_off(seed_store):
    proc, base = start_server(seed_store, "--max-rows", "3", "--no-cors")
    try:
        resp = requests.get(f"{base}/sparql", timeout=60, headers={"Origin": "https://x.example"},
                            params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
        assert len(resp.json()["results"]["bindings"]) == 3
        assert resp.headers["X-KG-Truncated"] == "true"
        assert "Access-Control-Allow-Origin" not in resp.headers
        small = requests.get(f"{base}/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 2"},
                             timeout=60)
        assert "X-KG-Truncated" not in small.headers
        graph = requests.get(f"{base}/sparql", timeout=60, headers={"Accept": "application/n-triples"},
                             params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
        assert len(graph.text.strip().splitlines()) == 3 and graph.headers["X-KG-Truncated"]
    finally:
        stop(proc)
