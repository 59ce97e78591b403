"""SPARQL 1.1 Graph Store HTTP Protocol, reads only: GET /graph-store?graph=IRI or ?default."""

from __future__ import annotations

import json

from flask import Blueprint, Response, request

from server import formats, protocol

bp = Blueprint("gsp", __name__)
protocol.register_errors(bp)


@bp.route("/graph-store", methods=["GET"])
def graph_store() -> Response:
    """One named graph (?graph=IRI) or the default graph (?default) in any RDF format."""
    return read_graph()


def read_graph() -> Response:
    """Answer a Graph Store read from the request's ?graph= / ?default parameters."""
    iri = request.args.get("graph")
    if iri is None and "default" not in request.args:
        return protocol.text_error(400, "give ?graph=IRI for a named graph or ?default for "
                                   "the default graph (the union of all named graphs)")
    if iri is not None and "default" in request.args:
        return protocol.text_error(400, "give either ?graph= or ?default, not both")
    params = {k: request.args[k] for k in ("format", "output") if request.args.get(k)}
    media = formats.choose(request.accept_mimetypes, params, list(formats.RDF_TYPES))
    if media is None:
        return protocol.text_error(406, "a graph can be given as: " + ", ".join(formats.RDF_TYPES))
    if iri is None:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    else:
        node = protocol.valid_iri(iri)
        exists = protocol.run_query(f"ASK {{ GRAPH {node} {{ ?s ?p ?o }} }}",
                                    accept="application/sparql-results+json")
        if exists["status"] == 200 and json.loads(exists["body"]).get("boolean") is False:
            return protocol.text_error(404, f"no graph named <{iri}> in this store")
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}"
    answer = protocol.run_query(query, accept=media)
    return protocol.to_response(answer)
