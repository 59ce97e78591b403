"""SPARQL 1.1 Update at /update: off unless `kg serve --allow-update`, then behind a bearer token.

An update opens the read-write store (so it waits for no one: if a `kg build` holds
the store, the answer is 503 "store busy"), runs in a one-off executor process
within the query timeout, and publishes a snapshot so every server sees it.

The one-graph-per-article layout is kept: every triple lives in a named graph, and the
default graph is their merge (kg/graphs.py). server/update_ops.py rewrites each update so
that it stays so: triples written to the default graph go to the graph
<https://w3id.org/newskg/graph/manual> (and the merge), a triple deleted from the default
graph is deleted from every graph. Relative IRIs resolve against the URL of /update;
using-graph-uri / using-named-graph-uri are honoured. Edits inside an article's graph are
allowed, but `kg build` replaces that graph when it rebuilds the article, so lasting
corrections belong in the manual graph.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

from kg.errors import QueryError
from server import protocol

bp = Blueprint("update", __name__)
protocol.register_errors(bp)


def update_text() -> str | Response:
    """The update from the request body (form update= or application/sparql-update)."""
    if request.mimetype == "application/sparql-update":
        return request.get_data(as_text=True)
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        found = request.form.getlist("update")
        if len(found) != 1:
            raise QueryError(f"give exactly one update parameter, not {len(found)}")
        return found[0]
    return protocol.text_error(415, f"unsupported Content-Type {request.mimetype or 'none'}: "
                               "POST application/sparql-update or a form with update=")


def authorised() -> bool:
    """Whether the request carries the server's bearer token."""
    token = current_app.config.get("UPDATE_TOKEN") or ""
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        value.strip().encode(), token.encode())


@bp.route("/update", methods=["POST"])
def update() -> Response:
    """Apply a SPARQL 1.1 Update (bearer token required)."""
    if not current_app.config.get("ALLOW_UPDATE"):
        return protocol.text_error(403, "SPARQL Update is turned off on this server "
                                   "(start it with kg serve --allow-update)")
    if not authorised():
        resp = protocol.text_error(401, "SPARQL Update needs the header "
                                   "'Authorization: Bearer <token>' with the server's token")
        resp.headers["WWW-Authenticate"] = 'Bearer realm="kg update"'
        return resp
    text = update_text()
    if isinstance(text, Response):
        return text
    if not text.strip():
        raise QueryError("missing update")
    using, named = (request.values.getlist(k) for k in ("using-graph-uri", "using-named-graph-uri"))
    for iri in using + named:
        protocol.valid_iri(iri)
    base = request.base_url
    # checked and rewritten (server/update_ops.py) in a warm executor: refused or bad, 400 at once
    plan = protocol.checked(protocol.execute({"op": "plan", "update": text, "base": base,
                                              "using": using, "using_named": named}))
    return protocol.to_response(protocol.execute(
        {"op": "update", "update": plan["update"], "base": base}, fresh=True))
