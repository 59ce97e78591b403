"""The W3C SPARQL 1.1 test manifests vendored in tests/data/w3c: tests, datasets, requests.

Adapted from ../shared/w3c-sparql (common.py, query_eval.py, protocol_tests.py), which reads
the same rdf-tests files; see tests/data/w3c/README.md for their origin and licence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

DATA = Path(__file__).resolve().parent / "data" / "w3c"
W3C_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
QUERY_FOLDERS = ("aggregates", "bind", "bindings", "cast", "construct", "csv-tsv-res", "exists",
                 "functions", "grouping", "json-res", "negation", "project-expression",
                 "property-path", "subquery")
QUERY_TESTS = {MF + "QueryEvaluationTest", MF + "CSVResultFormatTest"}


def iri_to_path(iri: str) -> Path:
    """The vendored file a W3C test IRI names."""
    if not iri.startswith(W3C_BASE):
        raise ValueError(f"not a vendored test file: {iri}")
    return DATA / iri[len(W3C_BASE):]


def path_to_iri(path: Path) -> str:
    """The W3C IRI of a vendored file (what relative IRIs in the tests resolve against)."""
    return W3C_BASE + os.path.relpath(path, DATA).replace(os.sep, "/")


def load_manifest(folder: str) -> tuple[ox.Store, ox.NamedNode]:
    """A folder's manifest, parsed with its W3C IRI as base."""
    path = DATA / folder / "manifest.ttl"
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path_to_iri(path))
    return store, ox.NamedNode(path_to_iri(path))


def objects(store: ox.Store, s, p: str) -> list:
    """Objects of (s, p) in the manifest."""
    return [q.object for q in store.quads_for_pattern(s, ox.NamedNode(p), None)]


def obj(store: ox.Store, s, p: str):
    """The object of (s, p), or None."""
    found = objects(store, s, p)
    return found[0] if found else None


def rdf_list(store: ox.Store, head) -> list:
    """The members of an RDF collection."""
    out, nil = [], ox.NamedNode(RDF + "nil")
    while head is not None and head != nil:
        out.append(obj(store, head, RDF + "first"))
        head = obj(store, head, RDF + "rest")
    return out


def entries(store: ox.Store, manifest: ox.NamedNode) -> list:
    """The manifest's test entries, in order."""
    return [e for lst in objects(store, manifest, MF + "entries") for e in rdf_list(store, lst)]


@dataclass(frozen=True)
class QueryTest:
    """One query evaluation test: its query, dataset files and expected result."""

    id: str
    folder: str
    query: Path
    data: tuple[Path, ...]
    graphs: tuple[Path, ...]
    result: Path

    @property
    def dataset(self) -> tuple:
        """What tests sharing a store must share."""
        return (self.data, tuple(sorted(self.graphs)))

    @property
    def result_format(self) -> str:
        """The expected result file's extension (srx, srj, csv, tsv, ttl ...)."""
        return self.result.suffix[1:]


def query_tests() -> list[QueryTest]:
    """Every query evaluation test of the vendored folders."""
    out = []
    for folder in QUERY_FOLDERS:
        st, manifest = load_manifest(folder)
        for e in entries(st, manifest):
            if not {t.value for t in objects(st, e, RDF + "type")} & QUERY_TESTS:
                continue
            action = obj(st, e, MF + "action")
            out.append(QueryTest(
                f"{folder}/{e.value.rsplit('#', 1)[-1]}", folder,
                iri_to_path(obj(st, action, QT + "query").value),
                tuple(iri_to_path(d.value) for d in objects(st, action, QT + "data")),
                tuple(iri_to_path(d.value) for d in objects(st, action, QT + "graphData")),
                iri_to_path(obj(st, e, MF + "result").value)))
    return out


def dataset_quads(data: tuple[Path, ...], graphs: tuple[Path, ...]) -> list[ox.Quad]:
    """A test's default graph and named graphs (named by their file's IRI), blank nodes per file."""
    out = []
    files = [(p, None) for p in data] + [(p, path_to_iri(p)) for p in graphs]
    for i, (path, graph) in enumerate(files):
        fmt = ox.RdfFormat.from_extension(path.suffix[1:])
        g = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        for t in ox.parse(path=str(path), format=fmt, base_iri=path_to_iri(path)):
            s, o = (ox.BlankNode(f"f{i}x{x.value}") if isinstance(x, ox.BlankNode) else x
                    for x in (t.subject, t.object))
            out.append(ox.Quad(s, t.predicate, o, g))
    return out


def protocol_tests() -> list[dict]:
    """The protocol tests: name, graph data and the HTTP requests with what each must answer."""
    st, manifest = load_manifest("protocol")
    out = []
    for e in entries(st, manifest):
        graphs = [(iri_to_path(obj(st, gd, UT + "graph").value), obj(st, gd, RDFS + "label").value)
                  for gd in objects(st, e, UT + "graphData")]
        requests = [protocol_request(st, r)
                    for r in rdf_list(st, obj(st, obj(st, e, MF + "action"), HT + "requests"))]
        name = e.value.rsplit("#", 1)[1]
        out.append({"name": name, "graphs": graphs, "requests": requests, "update": "update" in name})
    return out


def protocol_request(st: ox.Store, r) -> dict:
    """One ht:Request of the protocol manifest with its expected response."""
    body, resp = obj(st, r, HT + "body"), obj(st, r, HT + "resp")
    headers = {obj(st, h, HT + "fieldName").value: obj(st, h, HT + "fieldValue").value
               for h in rdf_list(st, obj(st, r, HT + "headers"))} if obj(st, r, HT + "headers") else {}
    boolean, fmt = obj(st, resp, MF + "expectedBoolean"), obj(st, resp, MF + "expectedFormat")
    return {"path": obj(st, r, HT + "absolutePath").value, "method": obj(st, r, HT + "methodName").value,
            "body": obj(st, body, CNT + "chars").value if body else None,
            "encoding": obj(st, body, CNT + "characterEncoding").value if body else "UTF-8",
            "headers": headers,
            "status": sorted(s.value.rsplit("StatusCode", 1)[1]
                             for s in objects(st, resp, MF + "expectedStatus")),
            "boolean": (boolean.value == "true") if boolean else None,
            "format": fmt.value if fmt else None}
