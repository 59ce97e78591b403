"""Helpers shared by the pages: running bound queries, IRIs to links, labels and CURIEs."""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app
from pyoxigraph import BlankNode, Literal, NamedNode, Variable

from kg import iris
from kg.vocab import NKG, PREFIXES

Term = NamedNode | BlankNode | Literal


def select(query: str, **bindings: Term) -> list[dict[str, Term]]:
    """Rows of a SELECT query (kg's prefixes known, `bindings` substituted as terms).

    It runs in the executor pool, with the same timeout, memory cap and errors as /sparql.
    """
    from server import protocol

    subs = {Variable(name): term for name, term in bindings.items()}
    answer = protocol.execute({"op": "select", "query": query, "substitutions": subs})
    return protocol.checked(answer)["rows"]


def select_for_index(query: str) -> list[dict[str, Term]]:
    """Rows of one of the view index's own queries: run as `select` does, but with the server's
    --index-timeout, and on to the end when the client that asked hangs up (the index is built
    once per snapshot for every client; a scan of a large store outlasts a query's timeout)."""
    from server import protocol

    seconds = float(current_app.config.get("INDEX_TIMEOUT", 600))
    answer = protocol.execute({"op": "select", "query": query}, timeout=seconds, watch=False)
    return protocol.checked(answer)["rows"]


def href(term: Term | str) -> str | None:
    """Where a link to this term should go: our own page for our IRIs, else the IRI itself."""
    iri = term if isinstance(term, str) else term.value if isinstance(term, NamedNode) else None
    if iri is None:
        return None
    if iri.startswith(iris.ID):
        return "/id/" + quote(iri[len(iris.ID):], safe="/-_.~#=,:")
    if iri.startswith(NKG.base):
        return "/ontology#" + iri[len(NKG.base):]
    if iri.startswith(("http://", "https://")):
        return iri
    return None  # javascript:, data: and other schemes are never made into links


def curie(term: Term | str) -> str:
    """A compact name for an IRI ('nkg:Killing'), or the IRI itself."""
    iri = term if isinstance(term, str) else term.value
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def local_name(term: Term | str) -> str:
    """The part of an IRI after the last '#' or '/'."""
    iri = term if isinstance(term, str) else term.value
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def text(term: Term | None) -> str:
    """A term's plain value for display ('' for None)."""
    if term is None:
        return ""
    return term.value


def first_by_key(rows: list[dict], key: str) -> dict[str, dict]:
    """Rows indexed by the value of `key`, keeping the first row for each value."""
    out: dict[str, dict] = {}
    for row in rows:
        if key in row:
            out.setdefault(row[key].value, row)
    return out


TOP_CLASSES = ("Actor", "Faction", "Place", "Claim", "Event")


def top_classes() -> dict[str, str]:
    """Each ontology class IRI mapped to its top class name (Actor, Faction, Place, Event, Claim)."""
    rows = select("""SELECT ?c ?top WHERE {
        VALUES ?top { nkg:Actor nkg:Faction nkg:Place nkg:Claim nkg:Event }
        ?c rdfs:subClassOf* ?top }""")
    out: dict[str, str] = {}
    for row in rows:
        out.setdefault(row["c"].value, local_name(row["top"]))
    return out


def top_of(classes: list[Term], tops: dict[str, str]) -> str:
    """The top class name of the first class of `classes` that has one ('' if none)."""
    for c in classes:
        if c.value in tops:
            return tops[c.value]
    return ""
