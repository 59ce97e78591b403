"""Point lookups answered in the server worker (server/point.py) and answers kept per snapshot
(server/answers.py): the same bytes the engine writes, and nothing kept that could differ."""

from __future__ import annotations

import pytest
import requests
from pyoxigraph import QueryResultsFormat

from kg import store
from kg.vocab import sparql_prefixes
from server import answers, point

JSON = "application/sparql-results+json"
FORMATS = {JSON: QueryResultsFormat.JSON, "text/csv": QueryResultsFormat.CSV,
           "application/sparql-results+xml": QueryResultsFormat.XML}
NKG = "PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
SHAPES = (
    "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}",
    "SELECT ?o ?p WHERE {{ <{e}> ?p ?o . }}",
    "SELECT * {{ <{e}> ?p ?o }}",
    "select ?s where {{ ?s a nkg:Place }} LIMIT 3",
    NKG + "SELECT * WHERE {{ <{e}> nkg:mention ?m }}",
    "SELECT ?s ?o WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }} LIMIT 7",
    "PREFIX x: <https://w3id.org/newskg/ontology#>\nSELECT ?v {{ ?v a x:Event }} LIMIT 0",
)
NOT_POINT = (
    "SELECT ?p WHERE { <urn:a> ?p ?o }",  # a variable not selected
    "SELECT ?s ?s2 WHERE { ?s ?p ?s2 }",  # one not selected
    "SELECT DISTINCT ?p ?o WHERE { <urn:a> ?p ?o }",
    "SELECT ?p ?o WHERE { <urn:a> ?p ?o FILTER(?o) }",
    "SELECT ?p ?o WHERE { <urn:a> ?p \"o\" }",
    "SELECT ?p ?o WHERE { <../a> ?p ?o }",  # relative: resolves against the endpoint's URL
    "SELECT ?p ?o FROM <urn:g> WHERE { <urn:a> ?p ?o }",
    "SELECT ?p ?o WHERE { <urn:a> ?p ?o } LIMIT 2 OFFSET 1",
    "SELECT ?x ?x WHERE { ?x ?x ?o }",
    "SELECT * WHERE { <urn:a> ?p ?o . <urn:b> ?p ?o }",
    "SELECT ?p ?o WHERE { <urn:a> ?p ?o } # \\u003e",
    "SELECT ?p ?o WHERE { u:a ?p ?o }",  # unknown prefix: the engine's error
)


@pytest.fixture(scope="module")
def entity(seed_store) -> str:
    """An entity of the seed store with a few triples."""
    db = store.open_for_reading(seed_store)
    row = next(iter(db.query(NKG + "SELECT ?e WHERE { ?e nkg:mention ?m } LIMIT 1")))
    return row["e"].value


@pytest.mark.parametrize("shape", SHAPES)
def test_point_lookups_are_the_engines_answer(live_server, seed_store, entity, shape):
    query = shape.format(e=entity)
    assert point.read(query) is not None
    db = store.open_for_reading(seed_store)
    for media, fmt in FORMATS.items():
        resp = requests.get(f"{live_server}/sparql", params={"query": query}, timeout=60,
                            headers={"Accept": media})
        assert resp.status_code == 200, resp.text
        assert resp.content == db.query(sparql_prefixes() + query).serialize(format=fmt)
        assert resp.headers["Content-Security-Policy"] and resp.headers["Vary"] == "Accept"


@pytest.mark.parametrize("query", NOT_POINT)
def test_anything_else_goes_to_an_executor(query):
    assert point.read(query) is None


def test_an_unknown_format_is_the_executors_406(live_server, entity):
    resp = requests.get(f"{live_server}/sparql", params={"query": SHAPES[0].format(e=entity)},
                        headers={"Accept": "image/png"}, timeout=60)
    assert resp.status_code == 406


def test_answers_that_may_change_between_runs_are_not_kept():
    assert answers.cacheable({"op": "query", "query": "SELECT * { ?s ?p ?o }"})
    assert answers.cacheable({"op": "select", "query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    for text in ("SELECT (NOW() AS ?t) {}", "SELECT (rand () AS ?r) {}", "SELECT (UUID() AS ?u) {}",
                 "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
                 "SELECT (STRUUID() AS ?u) {}", "SELECT (\\u004eOW() AS ?t) {}"):
        assert not answers.cacheable({"op": "query", "query": text}), text
    assert not answers.cacheable({"op": "update", "update": "CLEAR ALL"})


def test_a_kept_answer_goes_when_the_snapshot_changes(tmp_path):
    directory = tmp_path / "s"
    (directory / "snapshots").mkdir(parents=True)
    pointer = directory / "snapshots" / "CURRENT"
    pointer.write_text("one\n")
    cache = answers.AnswerCache(str(directory), 1 << 20)
    _, stamp = cache.get(b"q")
    cache.put(b"q", b"answer", stamp)
    assert cache.get(b"q")[0] == b"answer"
    pointer.write_text("two, a newer one\n")
    assert cache.get(b"q")[0] is None
    cache.put(b"q", b"old answer", stamp)  # read from the snapshot before: not kept
    assert cache.get(b"q")[0] is None
