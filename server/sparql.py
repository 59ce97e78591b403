"""The SPARQL 1.1 Protocol query endpoint: GET, POST form, POST direct; dataset parameters.

Without default-graph-uri / named-graph-uri (or FROM / FROM NAMED) the default graph is
the store's: the RDF merge of all named graphs (one per article, the ontology, the Wikidata
graph, the manual graph), each triple once (kg/graphs.py); GRAPH ?g ranges over the named
graphs. kg's usual prefixes (nkg:, rdfs:, ...) need no PREFIX line; relative IRIs resolve
against the endpoint's URL. GET (or HEAD) /sparql without a query parameter answers the
service description, or a Graph Store read when ?graph= or ?default is given.
"""

from __future__ import annotations

from flask import Blueprint, Response, request
from werkzeug.datastructures import MultiDict

from kg.errors import QueryError
from server import formats, protocol

bp = Blueprint("sparql", __name__)
protocol.register_errors(bp)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def one(values: MultiDict, key: str) -> str | None:
    """The single value of a parameter; two or more is a client error."""
    found = values.getlist(key)
    if len(found) > 1:
        raise QueryError(f"give exactly one {key} parameter, not {len(found)}")
    return found[0] if found else None


def protocol_params() -> tuple[str | None, MultiDict]:
    """The query text and the other parameters of a query request, by the protocol's rules."""
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            raise QueryError("updates are not accepted by GET; POST them to /update")
        return one(request.args, "query"), request.args
    if request.mimetype in FORM_TYPES:
        if "update" in request.form:
            raise QueryError("updates go to /update, not /sparql")
        merged = MultiDict(request.args)
        merged.update(request.form)
        return one(request.form, "query"), merged
    if request.mimetype == "application/sparql-query":
        if "query" in request.args:
            raise QueryError("give the query either in the body or as ?query=, not both")
        return request.get_data(as_text=True), request.args
    raise Unsupported(request.mimetype or "none")


class Unsupported(QueryError):
    """A POST body of a media type the protocol does not allow."""


@bp.route("/sparql", methods=["GET", "POST"])  # Flask answers HEAD as GET
def sparql() -> Response:
    """Answer a SPARQL query (SPARQL 1.1 Protocol), or describe the service."""
    try:
        query, params = protocol_params()
    except Unsupported as err:
        return protocol.text_error(415, f"unsupported Content-Type {err}: POST a query as "
                                   "application/x-www-form-urlencoded (query=...) or as "
                                   "application/sparql-query")
    if query is None and request.method in ("GET", "HEAD"):
        return without_query()
    if query is None or not query.strip():
        return protocol.text_error(400, "missing query: give a SPARQL query as query=... "
                                   "(without a query parameter, GET /sparql describes the service)")
    answer = protocol.run_query(
        query, default_graph=params.getlist("default-graph-uri") or None,
        named_graphs=params.getlist("named-graph-uri") or None,
        params={k: params.getlist(k) for k in formats.FORMAT_KEYS if params.getlist(k)})
    return protocol.to_response(answer)


def without_query() -> Response:
    """GET /sparql with no query: a Graph Store read, else the service description."""
    if "graph" in request.args or "default" in request.args:
        from server.gsp import read_graph

        return read_graph()
    from server.describe import service_description

    return service_description()


@bp.app_errorhandler(405)
def method_not_allowed(err) -> Response:
    """405 as text, listing the methods the resource allows."""
    resp = protocol.text_error(405, f"method {request.method} not allowed here")
    resp.headers["Allow"] = ", ".join(sorted(err.valid_methods or []))
    return resp


@bp.app_errorhandler(413)
def too_large(err) -> Response:
    """413 as text, saying the limit."""
    from flask import current_app

    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    return protocol.text_error(413, f"request too large (the limit is {limit} bytes)")
