"""Facts about linked items for the shared Wikidata graph: coordinates, parents, descriptions."""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg import iris
from kg.link.candidates import KIND_CLASS, kind_of
from kg.link.gazetteer import Candidate, Gazetteer
from kg.vocab import GEO, NKG, OWL, RDF, RDFS, SCHEMA, WD, WDT

MAX_DEPTH = 8


def item_node(c: Candidate, top: str) -> NamedNode:
    """The entity IRI of a Wikidata item (the same one the article graphs use)."""
    return iris.entity(top, c.display_label, c.qid)


def point(c: Candidate) -> Literal:
    """The item's coordinates as a GeoSPARQL WKT literal (longitude first)."""
    return Literal(f"POINT({c.lon} {c.lat})", datatype=GEO.wktLiteral)


def geometry_triples(node: NamedNode, c: Candidate) -> Iterator[tuple]:
    """Coordinates as geo:hasGeometry/geo:asWKT on a stable geometry node, and wdt:P625."""
    if c.lat is None or c.lon is None:
        return
    geom = NamedNode(node.value + "/geometry")
    yield node, GEO.hasGeometry, geom
    yield geom, RDF.type, GEO.Geometry
    yield geom, GEO.asWKT, point(c)
    yield node, WDT.P625, point(c)


def parent_of(c: Candidate, gaz: Gazetteer) -> Candidate | None:
    """The item's administrative parent, else its country, where known."""
    if c.parent_qid and c.parent_qid != c.qid:
        p = gaz.get(c.parent_qid)
        if p is not None:
            return p
    if c.kind != "country" and c.country:
        return gaz.country(c.country)
    return None


def parent_triples(node: NamedNode, c: Candidate, gaz: Gazetteer) -> Iterator[tuple]:
    """The chain of parents up to the country: nkg:parent, wdt:P131 (wdt:P17 for the country)."""
    seen = {c.qid}
    for _ in range(MAX_DEPTH):
        p = parent_of(c, gaz)
        if p is None or p.qid in seen:
            return
        seen.add(p.qid)
        pnode = item_node(p, "Place")
        yield node, NKG.parent, pnode
        yield node, WDT.P17 if p.kind == "country" else WDT.P131, WD[p.qid]
        yield pnode, RDF.type, NKG[KIND_CLASS.get(kind_of(p), "Place")]
        yield pnode, RDFS.label, Literal(p.display_label)
        yield pnode, OWL.sameAs, WD[p.qid]
        yield from geometry_triples(pnode, p)
        node, c = pnode, p


def item_quads(c: Candidate, top: str, gaz: Gazetteer) -> Iterator[Quad]:
    """Every shared-graph quad about one linked item."""
    node = item_node(c, top)
    triples = []
    if c.description:
        triples.append((node, SCHEMA.description, Literal(c.description, language="en")))
    if c.is_place:
        triples += [*geometry_triples(node, c), *parent_triples(node, c, gaz)]
    for s, p, o in triples:
        yield Quad(s, p, o, iris.WIKIDATA_GRAPH)
