"""The W3C SPARQL 1.1 Protocol tests (34), from the structured requests of their manifest.

Read-only: the 20 query tests against kg serve over a store holding the three test graphs.
With updates: all 34 against `kg serve --allow-update` on an empty store, the data loaded by
INSERT DATA through /update first (as ../shared/w3c-sparql/protocol_tests.py does).
"""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
import requests

from kg import store
from tests.conftest import start_server, stop_server
from tests.w3c_manifest import protocol_tests

TOKEN = "w3c-protocol-token"
BOOLEAN = {"application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "application/sparql-results+json": ox.QueryResultsFormat.JSON}
TABULAR = {**BOOLEAN, "text/csv": None, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
RDF = {"application/rdf+xml": ox.RdfFormat.RDF_XML, "text/turtle": ox.RdfFormat.TURTLE,
       "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/html": None,
       "application/xhtml+xml": None}  # RDFa: not parsed


def data_quads(tests: list[dict]) -> list[ox.Quad]:
    """The graphs the query tests read (data1..3 in <http://kasei.us/.../dataN.rdf>)."""
    seen, out = set(), []
    for t in tests:
        for path, graph in t["graphs"]:
            if (path, graph) not in seen:
                seen.add((path, graph))
                out += [ox.Quad(tr.subject, tr.predicate, tr.object, ox.NamedNode(graph))
                        for tr in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)]
    return out


def target(base: str, path: str) -> str:
    """The request's URL: the manifest's /sparql/ replaced by the endpoint."""
    rest = path[len("/sparql/"):] if path.startswith("/sparql/") else path.lstrip("/")
    return base + ("&" + rest[1:] if rest.startswith("?") and "?" in base else rest)


def problem(req: dict, resp: requests.Response) -> str | None:
    """What is wrong with a response, by the manifest's expectations; None if nothing."""
    if f"{resp.status_code // 100}xx" not in req["status"]:
        return f"HTTP {resp.status_code}, expected {'/'.join(req['status'])}: {resp.text[:120]!r}"
    fmt = req["format"]
    if not fmt and req["boolean"] is None:
        return None
    media = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
    allowed = {"boolean": BOOLEAN, "tabular": TABULAR, "RDF": RDF}[fmt or "boolean"]
    if media not in allowed:
        return f"Content-Type {media!r} is not a {fmt} format"
    if fmt == "RDF":
        if allowed[media] is not None:
            list(ox.parse(resp.content, format=allowed[media], base_iri="http://example.invalid/"))
        return None
    if media == "text/csv":
        list(csv.reader(io.StringIO(resp.content.decode("utf-8"))))
        return None
    res = ox.parse_query_results(resp.content, format=allowed[media])
    if req["boolean"] is not None and (not isinstance(res, ox.QueryBoolean)
                                       or bool(res) != req["boolean"]):
        return f"expected the boolean {req['boolean']}"
    if isinstance(res, ox.QuerySolutions):
        list(res)
    return None


def run(test: dict, base: str) -> str | None:
    """Send a test's requests in order; the first problem, or None."""
    for i, req in enumerate(test["requests"]):
        to_update = test["update"] and req["headers"].get("content-type", "").split(";")[0] \
            != "application/sparql-query"
        headers = dict(req["headers"])
        if to_update:
            headers["Authorization"] = f"Bearer {TOKEN}"
        body = req["body"].encode(req["encoding"].lower()) if req["body"] is not None else None
        resp = requests.request(req["method"], target(f"{base}/{'update' if to_update else 'sparql'}",
                                                      req["path"]),
                                data=body, headers=headers, timeout=60)
        found = problem(req, resp)
        if found:
            return f"request {i + 1}: {found}"
    return None


@pytest.fixture(scope="module")
def tests() -> list[dict]:
    """The protocol tests, query tests first (update tests CLEAR and DROP ALL)."""
    found = protocol_tests()
    return [t for t in found if not t["update"]] + [t for t in found if t["update"]]


def test_read_only(tests, tmp_path):
    queries = [t for t in tests if not t["update"]]
    db = store.open_store(tmp_path)
    store.add_quads(db, data_quads(queries))
    store.publish_snapshot(db, tmp_path)
    del db
    proc, base = start_server(tmp_path, "--workers", "1")
    try:
        failed = {t["name"]: why for t in queries if (why := run(t, base))}
    finally:
        stop_server(proc)
    assert len(queries) == 20 and not failed


def test_with_updates(tests, tmp_path):
    db = store.open_store(tmp_path)  # an empty store
    store.publish_snapshot(db, tmp_path)
    del db
    proc, base = start_server(tmp_path, "--workers", "1", "--allow-update",
                              env={"KG_UPDATE_TOKEN": TOKEN})
    try:
        load = "INSERT DATA {\n" + "\n".join(
            f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
            for q in data_quads(tests)) + "\n}"
        loaded = requests.post(f"{base}/update", data=load.encode(), timeout=60, headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
        assert loaded.status_code == 200, loaded.text
        failed = {t["name"]: why for t in tests if (why := run(t, base))}
    finally:
        stop_server(proc)
    assert len(tests) == 34 and not failed
