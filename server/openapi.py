"""An OpenAPI 3 document for the saved queries: one GET operation per query."""

from __future__ import annotations

from kg import __version__
from kg.queries import Param, SavedQuery

SCHEMAS = {
    "iri": {"type": "string", "format": "iri"},
    "entity": {"type": "string", "description": "A name (any label, case-insensitive) or an IRI"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
}
TABLE_TYPES = ("application/sparql-results+json", "text/csv", "text/tab-separated-values",
               "application/sparql-results+xml")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
PAGING = [
    {"name": "limit", "in": "query", "required": False,
     "description": "Rows per page (at most 1000).",
     "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
    {"name": "offset", "in": "query", "required": False,
     "description": "Rows to skip (the Link header gives the next page).",
     "schema": {"type": "integer", "minimum": 0, "default": 0}},
]


def parameter(p: Param) -> dict:
    """One query parameter as an OpenAPI parameter object."""
    schema = dict(SCHEMAS[p.type])
    if p.default not in (None, ""):
        schema["default"] = int(p.default) if p.type == "integer" else p.default
    if p.enum:
        schema["enum"] = list(p.enum)
    return {"name": p.name, "in": "query", "required": False,
            "description": p.description + (" (required; has a default)" if p.required else ""),
            "schema": schema}


def responses(q: SavedQuery) -> dict:
    """The responses of one saved query's operation."""
    media = GRAPH_TYPES if q.form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {
        "200": {"description": "One page of results",
                "headers": {"Link": {"description": "next/prev pages (RFC 8288)",
                                     "schema": {"type": "string"}}},
                "content": {m: {"schema": {"type": "string" if m != TABLE_TYPES[0]
                                           else "object"}} for m in (*media, "text/html")}},
        "400": {"description": "A parameter is missing, unknown or of the wrong type",
                "content": error},
        "406": {"description": "None of the accepted media types can be given"},
        "502": {"description": "A SERVICE endpoint the query calls failed", "content": error},
    }


def operation(q: SavedQuery) -> dict:
    """The GET operation of one saved query."""
    return {"operationId": q.name, "summary": q.title, "description": q.description,
            "tags": list(q.tags) or ["queries"],
            "parameters": [parameter(p) for p in q.params] + PAGING,
            "responses": responses(q)}


def document(queries: list[SavedQuery], server_url: str = "") -> dict:
    """The whole OpenAPI 3.0 document."""
    paths = {f"/queries/{q.name}": {"get": operation(q)} for q in queries}
    paths["/queries"] = {"get": {
        "operationId": "listQueries", "summary": "The saved queries and their parameters",
        "responses": {"200": {"description": "The gallery", "content": {
            "application/json": {"schema": {"type": "object"}}, "text/html": {}}}}}}
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "kg saved queries", "version": __version__,
                 "description": "Saved SPARQL queries over the news knowledge graph. Parameters "
                                "are bound as RDF terms, never spliced into the query text."},
        "paths": paths,
        "components": {"schemas": {"Error": {
            "type": "object", "required": ["error", "status"],
            "properties": {"error": {"type": "string"}, "status": {"type": "integer"},
                           "parameter": {"type": "string"}}}}},
    }
    if server_url:
        doc["servers"] = [{"url": server_url}]
    return doc
