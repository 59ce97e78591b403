"""The RDF side of Linked Data: which format a client wants, and a resource's description."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, request
from pyoxigraph import BlankNode, NamedNode, Store, Triple

from kg import iris
from kg.vocab import DCT, RDF, RDFS
from server.formats import choose, content_type, serialize_triples

HTML = "text/html"
OFFERED = [HTML, "text/turtle", "application/n-triples", "application/ld+json",
           "application/rdf+xml"]


def wanted() -> str | None:
    """The media type this request asks for (?format= or Accept); None if none is offered."""
    return choose(request.accept_mimetypes, request.args, OFFERED)


def rdf_response(triples: list[Triple], media: str) -> Response:
    """Triples serialised in `media`, varying by Accept."""
    body, _ = serialize_triples(triples, media)
    response = Response(body, content_type=content_type(media))
    response.headers["Vary"] = "Accept"
    return response


def not_acceptable() -> Response:
    """406 listing what this URL can be had as."""
    return Response("Not acceptable. Available: " + ", ".join(OFFERED) + "\n", status=406,
                    mimetype="text/plain", headers={"Vary": "Accept"})


def description(iri: NamedNode) -> list[Triple]:
    """The resource's description (see `describe`), read in the executor pool."""
    return executor_triples("description", iri)


def graph_triples(graph: NamedNode) -> list[Triple]:
    """Every triple of one named graph (an article's, the ontology's), read in the executor pool."""
    return executor_triples("graph", graph)


def executor_triples(what: str, iri: NamedNode) -> list[Triple]:
    """Triples computed by server/worker.py's run_triples, with /sparql's timeout and errors."""
    from server import protocol

    answer = protocol.execute({"op": "triples", "what": what, "iri": iri.value})
    return protocol.checked(answer)["triples"]


def subject_triples(store: Store, node: NamedNode | BlankNode, seen: set) -> Iterator[Triple]:
    """Triples with `node` as subject in any graph, following blank nodes (a CBD)."""
    for q in store.quads_for_pattern(node, None, None, None):
        t = Triple(q.subject, q.predicate, q.object)
        if t in seen:
            continue
        seen.add(t)
        yield t
        if isinstance(q.object, BlankNode):
            yield from subject_triples(store, q.object, seen)


def describe(store: Store, iri: NamedNode) -> list[Triple]:
    """The resource's description: its CBD, plus statements pointing at it and their labels."""
    seen: set = set()
    triples = list(subject_triples(store, iri, seen))
    for q in store.quads_for_pattern(None, None, iri, None):
        t = Triple(q.subject, q.predicate, q.object)
        if t not in seen and isinstance(q.subject, NamedNode):
            seen.add(t)
            triples.append(t)
            triples.extend(labels(store, q.subject, seen))
    return triples


def labels(store: Store, node: NamedNode, seen: set) -> Iterator[Triple]:
    """The type and label triples of a node, once each."""
    for p in (RDF.type, RDFS.label, DCT.title):
        for q in store.quads_for_pattern(node, p, None, None):
            t = Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                yield t


def graph_of(store: Store, graph: NamedNode) -> list[Triple]:
    """Every triple of one named graph (an article's, the ontology's)."""
    return [Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)]


def article_graph(article_iri: NamedNode) -> NamedNode:
    """The named graph of an article, from the article's IRI."""
    return NamedNode(article_iri.value.replace(iris.ID + "article/", iris.GRAPH + "article/", 1))
