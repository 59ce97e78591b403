"""The SPARQL 1.1 Protocol endpoint (minimal: GET/POST query, JSON results)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

bp = Blueprint("sparql", __name__)


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """Answer a query by GET or POST."""
    if request.method == "POST" and request.mimetype == "application/sparql-query":
        query = request.get_data(as_text=True)
    else:
        query = request.values.get("query")
    if not query:
        return Response("missing query\n", status=400, mimetype="text/plain")
    store = current_app.extensions["kg_store"].get()
    try:
        results = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as err:
        return Response(f"SPARQL syntax error: {err}\n", status=400, mimetype="text/plain")
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        body = results.serialize(format=QueryResultsFormat.JSON)
        return Response(body, mimetype="application/sparql-results+json")
    return Response(results.serialize(format=RdfFormat.TURTLE), mimetype="text/turtle")
