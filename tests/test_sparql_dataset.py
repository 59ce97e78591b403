"""The dataset over HTTP: a triple counted once on every path; FROM, FROM NAMED, USING; GSP; HEAD."""

from __future__ import annotations

import gc
import time

import pytest
import rdflib
import requests
from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, parse

from kg import iris, store
from tests.conftest import start_server, stop_server
from tests.test_default_graph import CLAIM, GRAPHS, graph_quads

TOKEN = "dataset-test-token"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """kg serve (updates on, at most 5 rows an answer) over three graphs sharing one claim."""
    directory = tmp_path_factory.mktemp("dataset")
    db = store.open_store(directory)
    store.ensure_ontology(db)
    for n in range(3):
        store.replace_graph(db, GRAPHS[n], graph_quads(n))
    distinct = store.count(db)
    store.publish_snapshot(db, directory)
    del db
    gc.collect()
    proc, base = start_server(directory, "--allow-update", "--max-rows", "5",
                              env={"KG_UPDATE_TOKEN": TOKEN})
    yield base, distinct
    stop_server(proc)


def select(base: str, query: str, **params) -> list[dict]:
    """The bindings of a SELECT over HTTP (params are protocol parameters)."""
    resp = requests.post(f"{base}/sparql", data={"query": query, **params}, timeout=60,
                         headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200, resp.text
    return resp.json()["results"]["bindings"]


def number(base: str, query: str, **params) -> int:
    """The ?n of a one-row answer."""
    return int(select(base, query, **params)[0]["n"]["value"])


def update(base: str, text: str, **params) -> requests.Response:
    """POST an update with the token; params go in the URL (using-graph-uri ...)."""
    return requests.post(f"{base}/update", params=params, data=text.encode(), timeout=60,
                         headers={"Content-Type": "application/sparql-update",
                                  "Authorization": f"Bearer {TOKEN}"})


def eventually(base: str, query: str) -> bool:
    """Whether an ASK turns true within 30 s (servers reopen new snapshots each second)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        resp = requests.get(f"{base}/sparql", params={"query": query}, timeout=60)
        if resp.json()["boolean"]:
            return True
        time.sleep(0.3)
    return False


def test_a_triple_in_many_graphs_is_counted_once(server):
    base, distinct = server
    assert number(base, COUNT) == distinct
    assert number(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{CLAIM.value}> ?p ?o }}") == 4
    saved = requests.get(f"{base}/queries/claims_by_status.json", timeout=60).json()
    assert [b["claim"]["value"] for b in saved["results"]["bindings"]] == [CLAIM.value]
    g = rdflib.Graph().parse(data=requests.get(f"{base}/.well-known/void", timeout=60).text,
                             format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = g.value(predicate=rdflib.RDF.type, object=void.Dataset)
    assert int(g.value(dataset, void.triples)) == distinct
    assert f"<strong>{distinct}</strong> triples" in requests.get(f"{base}/", timeout=60).text


def test_from_and_from_named(server):
    base, _ = server
    g0, g1 = GRAPHS[0].value, GRAPHS[1].value
    assert number(base, f"SELECT (COUNT(*) AS ?n) FROM <{g0}> WHERE {{ ?s ?p ?o }}") == 7
    # two default graphs are merged: the six shared triples once, one of each graph's own
    assert number(base, f"SELECT (COUNT(*) AS ?n) FROM <{g0}> FROM <{g1}> WHERE {{ ?s ?p ?o }}") == 8
    rows = select(base, f"SELECT DISTINCT ?g FROM NAMED <{g1}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [r["g"]["value"] for r in rows] == [g1]
    assert number(base, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{g1}> WHERE {{ ?s ?p ?o }}") == 0
    # the protocol's dataset replaces the query's
    assert number(base, f"SELECT (COUNT(*) AS ?n) FROM <{g0}> WHERE {{ ?s ?p ?o }}",
                  **{"default-graph-uri": [g0, g1]}) == 8
    wikidata = f"SELECT (COUNT(*) AS ?n) FROM <{iris.WIKIDATA_GRAPH.value}> WHERE {{ ?s ?p ?o }}"
    assert number(base, wikidata) == 0  # this store has no Wikidata facts: not the whole store


def test_kg_prefixes_relative_iris_and_unknown_prefixes(server):
    base, _ = server
    assert number(base, "SELECT (COUNT(*) AS ?n) WHERE { ?c a nkg:Claim ; nkg:status ?s }") == 1
    resp = requests.get(f"{base}/sparql", timeout=60, headers={"Accept": "application/n-triples"},
                        params={"query": "CONSTRUCT { <s> <p> <o> } WHERE {}"})
    (triple,) = parse(resp.content, format=RdfFormat.N_TRIPLES)
    assert triple.subject == NamedNode(f"{base}/s")
    resp = requests.get(f"{base}/sparql", params={"query": "SELECT * WHERE { ?s foo:p ?o }"},
                        timeout=60)
    assert resp.status_code == 400 and "unknown prefix foo: — add PREFIX foo:" in resp.text


def test_empty_query_is_400_and_head_works(server):
    base, _ = server
    assert requests.get(f"{base}/sparql", params={"query": ""}, timeout=60).status_code == 400
    assert requests.get(f"{base}/sparql", params={"query": "  "}, timeout=60).status_code == 400
    for path, params in (("/sparql", {"query": "ASK {}"}), ("/sparql", {}),
                         ("/graph-store", {"default": ""}), ("/dump.ttl", {}),
                         ("/.well-known/void", {}), ("/queries", {}), ("/", {})):
        got = requests.head(base + path, params=params, timeout=60)
        assert got.status_code == requests.get(base + path, params=params, timeout=60).status_code
        assert got.status_code == 200 and not got.content, path


def test_graph_store_streams_whole_graphs(server):
    base, distinct = server
    resp = requests.get(f"{base}/graph-store", params={"default": ""}, timeout=60,
                        headers={"Accept": "application/n-triples"})
    lines = resp.text.strip().splitlines()
    assert len(lines) == distinct > 5 and "X-KG-Truncated" not in resp.headers  # --max-rows 5
    resp = requests.get(f"{base}/graph-store", params={"graph": GRAPHS[0].value}, timeout=60,
                        headers={"Accept": "application/n-quads"})
    quads = list(parse(resp.content, format=RdfFormat.N_QUADS))
    assert len(quads) == 7 and all(q.graph_name == DefaultGraph() for q in quads)
    missing = requests.get(f"{base}/graph-store", params={"graph": "http://example.org/none"},
                           timeout=60)
    assert missing.status_code == 404


def test_dumps_keep_the_merge_out(server):
    base, distinct = server
    nq = list(parse(requests.get(f"{base}/dump.nq", timeout=60).content, format=RdfFormat.N_QUADS))
    assert nq and all(isinstance(q.graph_name, NamedNode) for q in nq)
    assert sum(q.graph_name in GRAPHS for q in nq) == 21  # each graph's seven
    nt = requests.get(f"{base}/dump.nt", timeout=60).text.strip().splitlines()
    assert len(nt) == len(set(nt)) == distinct


def test_updates_keep_the_merge(server):
    base, _ = server
    g2 = GRAPHS[2].value
    assert update(base, f"DELETE DATA {{ GRAPH <{g2}> {{ <{CLAIM.value}> a nkg:Claim }} }}"
                  ).status_code == 200
    assert eventually(base, f"ASK {{ <{CLAIM.value}> a nkg:Claim }}")  # two graphs still hold it
    resp = update(base, 'INSERT { GRAPH <out> { ?s <http://example.org/seen> ?g } } '
                        'WHERE { GRAPH ?g { ?s a nkg:Claim } }',
                  **{"using-named-graph-uri": GRAPHS[1].value})
    assert resp.status_code == 200, resp.text
    out = f"{base}/out"
    assert eventually(base, f"ASK {{ GRAPH <{out}> {{ <{CLAIM.value}> ?p <{GRAPHS[1].value}> }} "
                            f"FILTER NOT EXISTS {{ GRAPH <{out}> {{ ?s ?p <{GRAPHS[0].value}> }} }} }}")
    assert update(base, f"DELETE DATA {{ <{CLAIM.value}> a nkg:Claim }}").status_code == 200
    assert eventually(base, f"ASK {{ FILTER NOT EXISTS {{ GRAPH ?g {{ <{CLAIM.value}> a ?c }} }} "
                            f"FILTER NOT EXISTS {{ <{CLAIM.value}> a ?c }} }}")
    assert update(base, "CLEAR DEFAULT").status_code == 400
    both = update(base, "INSERT { ?s ?p ?o } USING <http://x> WHERE { ?s ?p ?o }",
                  **{"using-graph-uri": "http://y"})
    assert both.status_code == 400

