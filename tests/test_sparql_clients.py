"""Real SPARQL clients against the live server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import contextlib
import json

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
ARTICLES = f"SELECT ?a ?t WHERE {{ ?a a <{NKG.Article}> ; <http://purl.org/dc/terms/title> ?t }}"


def wrapper(base: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    """A SPARQLWrapper aimed at the live endpoint."""
    sw = SPARQLWrapper(f"{base}/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setTimeout(60)
    return sw


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(live_server, method):
    sw = wrapper(live_server, ARTICLES)
    sw.setMethod(method)
    data = sw.queryAndConvert()
    titles = [b["t"]["value"] for b in data["results"]["bindings"]]
    assert len(titles) >= 5 and all(titles)


def test_sparqlwrapper_select_xml(live_server):
    doc = wrapper(live_server, ARTICLES, XML).queryAndConvert()
    results = doc.getElementsByTagName("result")
    assert len(results) >= 5


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_sparqlwrapper_select_csv_tsv(live_server, fmt):
    text = wrapper(live_server, ARTICLES, fmt).queryAndConvert().decode()
    lines = text.strip().splitlines()
    assert len(lines) >= 6


def test_sparqlwrapper_ask(live_server):
    data = wrapper(live_server, f"ASK {{ ?a a <{NKG.Article}> }}").queryAndConvert()
    assert data["boolean"] is True


@pytest.mark.parametrize(("fmt", "media"), [
    (TURTLE, "text/turtle"), (N3, "text/turtle"), (XML, "application/rdf+xml"),
    (RDFXML, "application/rdf+xml"), (JSONLD, "application/ld+json"),
    (JSON, "application/ld+json")])
def test_sparqlwrapper_construct(live_server, fmt, media):
    q = f"CONSTRUCT {{ ?a a <{NKG.Article}> }} WHERE {{ ?a a <{NKG.Article}> }}"
    # for a graph, SPARQLWrapper sends format=json with Accept: */* (and warns): JSON-LD it is
    with pytest.warns(RuntimeWarning) if fmt == JSON else contextlib.nullcontext():
        result = wrapper(live_server, q, fmt).query()
    assert result.response.headers["Content-Type"].split(";")[0] == media
    graph = result.convert()
    if not isinstance(graph, rdflib.Graph):  # Turtle, N3 and JSON-LD come back as bytes or dicts
        data = graph if isinstance(graph, bytes) else json.dumps(graph).encode()
        graph = rdflib.Graph().parse(data=data, format="json-ld" if "json" in media else "turtle")
    assert len(list(graph.subjects(rdflib.RDF.type, NKG.Article))) >= 5


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_a_format_a_table_cannot_take_still_answers(live_server, fmt):
    with pytest.warns(RuntimeWarning):  # SPARQLWrapper sends Accept: */* for these
        result = wrapper(live_server, ARTICLES, fmt).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")


def test_sparqlwrapper_ask_xml(live_server):
    doc = wrapper(live_server, f"ASK {{ ?a a <{NKG.Article}> }}", XML).queryAndConvert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_sparqlwrapper_malformed_query_raises(live_server):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed):
        wrapper(live_server, "SELECT ?x WHERE {").queryAndConvert()


def test_rdflib_sparqlstore_select_and_triples(live_server):
    graph = rdflib.Graph(store=SPARQLStore(f"{live_server}/sparql", returnFormat="json"))
    rows = list(graph.query(ARTICLES))
    assert len(rows) >= 5 and all(isinstance(t, rdflib.Literal) for _, t in rows)
    articles = list(graph.subjects(rdflib.RDF.type, NKG.Article))
    assert set(articles) == {a for a, _ in rows}
    assert graph.query(f"ASK {{ ?a a <{NKG.Article}> }}").askAnswer is True


def test_rdflib_sparqlstore_construct(live_server):
    graph = rdflib.Graph(store=SPARQLStore(f"{live_server}/sparql"))
    result = graph.query(f"CONSTRUCT {{ ?a a <{NKG.Article}> }} WHERE {{ ?a a <{NKG.Article}> }}")
    assert len(result.graph) >= 5


def test_rdflib_sparqlstore_named_graph(live_server):
    store = SPARQLStore(f"{live_server}/sparql")
    onto = rdflib.Graph(store=store, identifier=rdflib.URIRef("https://w3id.org/newskg/graph/ontology"))
    assert (NKG.Article, rdflib.RDF.type, rdflib.OWL.Class) in onto
