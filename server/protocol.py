"""Helpers shared by the protocol blueprints: run in the executor pool, answer, translate errors."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, request
from pyoxigraph import NamedNode

from kg.errors import KGError, QueryError, StoreError
from server import formats
from server.executor import ExecutorBusy, ExecutorCrashed, ExecutorPool, QueryTimeout
from server.guard import ServiceRefused, check

STATUS: tuple[tuple[type[KGError], int], ...] = (
    (QueryTimeout, 503), (ExecutorBusy, 503), (ExecutorCrashed, 500), (ServiceRefused, 400),
    (QueryError, 400), (StoreError, 503), (KGError, 500))


def text_error(status: int, message: str) -> Response:
    """A plain-text error answer (what SPARQL clients show their users)."""
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")


def kg_error(err: KGError) -> Response:
    """Translate one of kg's errors into an HTTP error."""
    status = next(code for cls, code in STATUS if isinstance(err, cls))
    return text_error(status, str(err))


def register_errors(bp: Blueprint) -> None:
    """Answer kg's errors raised in this blueprint's views as text with the right status."""
    bp.register_error_handler(KGError, kg_error)


def pool(app: Flask | None = None) -> ExecutorPool:
    """The app's pool of executor processes (created on first use)."""
    app = app or current_app
    found = app.extensions.get("kg_executor")
    if found is None:
        found = app.extensions.setdefault(
            "kg_executor", ExecutorPool(int(app.config.get("EXECUTORS", 4))))
    return found


def valid_iri(iri: str) -> NamedNode:
    """An IRI given as a parameter, or a QueryError saying it is not one."""
    try:
        return NamedNode(iri)
    except ValueError as err:
        raise QueryError(f"not a valid IRI: {iri!r} ({err})") from None


def run_query(query: str, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, accept: str | None = None,
              params: dict | None = None, max_rows: int | None = -1) -> dict:
    """Run a read query in an executor with the app's timeout, allow-list and row cap.

    Relative IRIs in the query resolve against the URL it was sent to (the endpoint's).
    """
    check(query, current_app.config.get("ALLOWED_SERVICES") or [])
    for iri in (default_graph or []) + (named_graphs or []):
        valid_iri(iri)
    timeout = float(current_app.config.get("QUERY_TIMEOUT", 30))
    rows = current_app.config.get("MAX_ROWS") if max_rows == -1 else max_rows
    req = {"op": "query", "store": current_app.config["STORE_DIR"], "query": query,
           "default_graph": default_graph, "named_graphs": named_graphs,
           "accept": accept if accept is not None else str(request.accept_mimetypes),
           "params": params or {}, "max_rows": rows, "base": request.base_url}
    return pool().run(req, timeout)


def to_response(answer: dict) -> Response:
    """An executor's answer as an HTTP response (errors as text, truncation as headers)."""
    if answer["status"] != 200:
        return text_error(answer["status"], answer["error"])
    resp = Response(answer["body"], content_type=formats.content_type(answer["media"]))
    resp.headers["Vary"] = "Accept"
    if answer.get("truncated"):
        limit = current_app.config.get("MAX_ROWS")
        resp.headers["X-KG-Truncated"] = "true"
        resp.headers["Warning"] = f'199 kg "results truncated to the first {limit} rows"'
    return resp
