"""SPARQL 1.1 Graph Store HTTP Protocol, reads only: GET /graph-store?graph=IRI or ?default.

The graph is streamed from the store's current snapshot, whole, in the RDF format asked for
(no row cap: a graph store read is a download). ?default is the default graph: the merge of
the named graphs, each triple once. In N-Quads and TriG the triples are in the default graph.
"""

from __future__ import annotations

from typing import IO

from flask import Blueprint, Response, current_app, request
from pyoxigraph import DefaultGraph, NamedNode, Quad, serialize

from kg.vocab import PREFIXES
from server import formats, protocol, slow_clients
from server.dumps import stream

bp = Blueprint("gsp", __name__)
protocol.register_errors(bp)


@bp.route("/graph-store", methods=["GET"])
def graph_store() -> Response:
    """One named graph (?graph=IRI) or the default graph (?default) in any RDF format."""
    return read_graph()


def write_graph(db, graph: NamedNode | DefaultGraph, media: str, out: IO[bytes]) -> None:
    """Serialise one graph of `db` into `out` as `media`, streaming."""
    fmt = formats.RDF_TYPES[media]
    quads = db.quads_for_pattern(None, None, None, graph)
    if fmt.supports_datasets:
        serialize((Quad(q.subject, q.predicate, q.object) for q in quads), out, fmt)
    else:
        serialize((q.triple for q in quads), out, fmt, prefixes=PREFIXES)


def read_graph() -> Response:
    """Answer a Graph Store read from the request's ?graph= / ?default parameters."""
    iri = request.args.get("graph")
    if iri is None and "default" not in request.args:
        return protocol.text_error(400, "give ?graph=IRI for a named graph or ?default for "
                                   "the default graph (the merge of all named graphs)")
    if iri is not None and "default" in request.args:
        return protocol.text_error(400, "give either ?graph= or ?default, not both")
    media = formats.choose(request.accept_mimetypes, request.args, list(formats.RDF_TYPES))
    if media is None:
        return protocol.text_error(406, "a graph can be given as: " + ", ".join(formats.RDF_TYPES))
    db = current_app.extensions["kg_store"].get()
    graph = DefaultGraph() if iri is None else protocol.valid_iri(iri)
    if iri is not None and not db.contains_named_graph(graph):
        return protocol.text_error(404, f"no graph named <{iri}> in this store")
    resp = Response(stream(lambda out: write_graph(db, graph, media, out)),
                    content_type=formats.content_type(media))
    resp.headers["Vary"] = "Accept"
    return slow_clients.streamed(resp)
