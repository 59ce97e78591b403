"""Content negotiation (Accept with q-values, or a format parameter) and result serialisation."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.vocab import PREFIXES

# Media types for SELECT and ASK results, the first is the default.
RESULTS_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
# Media types for RDF graphs (CONSTRUCT, DESCRIBE, graph store, dumps), the first is the default.
RDF_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}
# Other names clients use for the same media types (matched after the canonical ones).
SYNONYMS: dict[str, str] = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/x-trig": "application/trig",
    "text/x-nquads": "application/n-quads",
    "application/turtle": "text/turtle",
    "text/n3": "text/turtle",  # N3 is a superset of Turtle: a Turtle answer is N3
    "text/rdf+n3": "text/turtle",
    "application/x-json+ld": "application/ld+json",
}
# The `format` (or `output`) parameter: short names, resolved before looking at Accept.
ALIASES: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle",
    "nt": "application/n-triples", "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "owl": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml", "n3": "text/turtle",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "nquads": "application/n-quads", "nq": "application/n-quads", "n-quads": "application/n-quads",
    "trig": "application/trig",
}
# For a graph (not a table), the short names json/xml mean JSON-LD and RDF/XML.
RDF_ALIASES: dict[str, str] = {"json": "application/ld+json", "xml": "application/rdf+xml"}
TEXT_TYPES = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples",
              "application/n-quads", "application/trig"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# The fewest bytes a row adds to SELECT results written by the engine (an empty row: `{},` in
# JSON, `<result></result>` in XML, CRLF in CSV, LF in TSV; tests/test_formats_cap.py checks
# them), so that a whole answer of at most max_rows times as many bytes has at most max_rows rows.
ROW_BYTES = {"application/sparql-results+json": 3, "application/sparql-results+xml": 17,
             "text/csv": 2, "text/tab-separated-values": 1}


def parse_accept(accept: MIMEAccept | str | None) -> MIMEAccept:
    """An Accept header value as werkzeug's MIMEAccept (empty when absent)."""
    if isinstance(accept, MIMEAccept):
        return accept
    return parse_accept_header(accept or "", MIMEAccept)


def negotiate(accept: MIMEAccept | str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers (q-values honoured), or None (-> 406).

    No Accept header at all means the first offered type; synonyms such as
    application/json count for their canonical type.
    """
    if isinstance(accept, str) or accept is None:  # as the executors get it: the same few, again
        return _negotiate_text(accept or "", tuple(offered))
    return _negotiate(accept, offered)


@lru_cache(maxsize=256)
def _negotiate_text(accept: str, offered: tuple[str, ...]) -> str | None:
    return _negotiate(parse_accept(accept), list(offered))


def _negotiate(accept: MIMEAccept, offered: list[str]) -> str | None:
    parsed = parse_accept(accept)
    if not parsed:
        return offered[0] if offered else None
    candidates = list(offered) + [s for s, c in SYNONYMS.items() if c in offered]
    best = parsed.best_match(candidates)
    if best is None:
        return None
    return SYNONYMS.get(best, best) if best not in offered else best


FORMAT_KEYS = ("format", "output", "results")  # what clients name the parameter (SPARQLWrapper: all)


def requested(params: Mapping) -> list[str]:
    """The values of the format parameters, in order (a MultiDict or a dict of str or lists)."""
    out: list[str] = []
    for key in FORMAT_KEYS:
        found = params.getlist(key) if hasattr(params, "getlist") else params.get(key)
        out += found if isinstance(found, list | tuple) else [found] if found else []
    return [v for v in out if v and v.strip()]


def from_parameter(value: str | None, offered: list[str]) -> str | None:
    """The media type named by a format parameter (alias or media type), if it is offered."""
    if not value:
        return None
    value = value.strip().lower()
    if offered and offered[0] in RDF_TYPES and value in RDF_ALIASES:
        value = RDF_ALIASES[value]
    media = ALIASES.get(value, SYNONYMS.get(value, value))
    return media if media in offered else None


def choose(accept: MIMEAccept | str | None, params: Mapping, offered: list[str]) -> str | None:
    """The media type to answer with: the first format parameter that names an offered type,
    else by Accept (a format this answer cannot take never makes a satisfiable Accept fail)."""
    for value in requested(params):
        media = from_parameter(value, offered)
        if media is not None:
            return media
    return negotiate(accept, offered)


def content_type(media: str) -> str:
    """A Content-Type header value for a media type (UTF-8 declared for text types)."""
    return f"{media}; charset=utf-8" if media in TEXT_TYPES else media


def offered_for(results: object) -> list[str]:
    """The media types a pyoxigraph query result can be written as."""
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        return list(RESULTS_TYPES)
    return list(RDF_TYPES)


def term_json(term: object) -> dict:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(variables: list[str], rows: Iterable) -> bytes:
    """SELECT results (variable names, QuerySolution rows) as SPARQL JSON bytes."""
    bindings = []
    for row in rows:
        bindings.append({v: term_json(row[v]) for v in variables if row[v] is not None})
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode()


class _Full(Exception):
    """More bytes than a Budget takes."""


class Budget:
    """A binary sink that keeps what is written to it, up to `limit` bytes (then raises _Full)."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.left = limit

    def write(self, data: bytes) -> int:
        """Keep one chunk; _Full once the limit is passed."""
        self.left -= len(data)
        if self.left < 0:
            raise _Full
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the chunks are kept in memory."""

    def getvalue(self) -> bytes:
        """Everything written."""
        return b"".join(self.parts)


def serialize_within(results: QuerySolutions, media: str, max_rows: int) -> bytes | None:
    """SELECT results in `media`, written by the engine, if they surely hold at most `max_rows`
    rows (their bytes say so, see ROW_BYTES); None if they may hold more (`results` is spent)."""
    sink = Budget(ROW_BYTES[media] * max_rows)
    try:
        results.serialize(sink, format=RESULTS_TYPES[media])
    except _Full:
        return None
    return sink.getvalue()


def serialize_solutions(results: QuerySolutions, media: str, max_rows: int | None = None
                        ) -> tuple[bytes, bool]:
    """SELECT results as bytes in `media`, at most `max_rows` rows; (body, truncated)."""
    if max_rows is None:
        return results.serialize(format=RESULTS_TYPES[media]), False
    variables = [v.value for v in results.variables]
    rows, truncated = [], False
    for row in results:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append(row)
    body = solutions_json(variables, rows)
    if media == "application/sparql-results+json":
        return body, truncated
    again = parse_query_results(body, format=QueryResultsFormat.JSON)
    return again.serialize(format=RESULTS_TYPES[media]), truncated


def serialize_triples(triples: Iterable[Triple], media: str, max_rows: int | None = None,
                      prefixes: dict[str, str] | None = None) -> tuple[bytes, bool]:
    """CONSTRUCT/DESCRIBE triples as bytes in `media`, at most `max_rows`; (body, truncated)."""
    kept, truncated = [], False
    for triple in triples:
        if max_rows is not None and len(kept) >= max_rows:
            truncated = True
            break
        kept.append(triple)
    fmt = RDF_TYPES[media]
    if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
        # A graph in a dataset format: its triples in the default graph.
        from pyoxigraph import Quad
        return serialize([Quad(t.subject, t.predicate, t.object) for t in kept], None, fmt), truncated
    known = {**PREFIXES, **(prefixes or {})}
    known = known if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
    return serialize(kept, None, fmt, prefixes=known), truncated


def serialize_results(results: QuerySolutions | QueryBoolean | QueryTriples, media: str,
                      max_rows: int | None = None) -> tuple[bytes, bool]:
    """Any pyoxigraph query result as bytes in `media`; (body, truncated by max_rows)."""
    if isinstance(results, QueryBoolean):
        return results.serialize(format=RESULTS_TYPES[media]), False
    if isinstance(results, QuerySolutions):
        return serialize_solutions(results, media, max_rows)
    return serialize_triples(results, media, max_rows)
