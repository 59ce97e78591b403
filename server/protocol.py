"""Helpers shared by the protocol blueprints: run in the executor pool, answer, translate errors."""

from __future__ import annotations

import pickle
import time
from functools import lru_cache

from flask import Blueprint, Flask, Response, current_app, request
from pyoxigraph import NamedNode

from kg.errors import KGError, QueryError, StoreError
from server import formats, point
from server.answers import ANSWER_MAX, AnswerCache, cacheable
from server.executor import (
    ClientGone,
    ExecutorBusy,
    ExecutorCrashed,
    ExecutorPool,
    LongQueriesBusy,
    QueryFailed,
    QueryMemory,
    QueryTimeout,
)
from server.kept import KEEP_AFTER, KEPT_OPS, KeptAnswers, enabled

STATUS: tuple[tuple[type[KGError], int], ...] = (
    (QueryTimeout, 503), (ExecutorBusy, 503), (QueryMemory, 503), (LongQueriesBusy, 503),
    (ClientGone, 499),
    (ExecutorCrashed, 500), (QueryError, 400), (StoreError, 503), (KGError, 500))


def text_error(status: int, message: str) -> Response:
    """A plain-text error answer (what SPARQL clients show their users)."""
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")


def status_of(err: KGError) -> int:
    """The HTTP status one of kg's errors calls for."""
    if isinstance(err, QueryFailed):
        return err.status
    return next(code for cls, code in STATUS if isinstance(err, cls))


def kg_error(err: KGError) -> Response:
    """Translate one of kg's errors into an HTTP error."""
    return text_error(status_of(err), str(err))


def register_errors(bp: Blueprint) -> None:
    """Answer kg's errors raised in this blueprint's views as text with the right status."""
    bp.register_error_handler(KGError, kg_error)


def pool(app: Flask | None = None) -> ExecutorPool:
    """The app's pool of executor processes (created on first use)."""
    app = app or current_app
    found = app.extensions.get("kg_executor")
    if found is None:
        found = app.extensions.setdefault("kg_executor", ExecutorPool(
            int(app.config.get("EXECUTORS", 4)), int(app.config.get("QUERY_MEMORY", 0))))
    return found


def answers(app: Flask | None = None) -> AnswerCache | None:
    """The app's answers kept for the current snapshot (None when ANSWER_CACHE is 0)."""
    app = app or current_app
    found = app.extensions.get("kg_answers")
    if found is None and app.config.get("ANSWER_CACHE"):
        found = app.extensions.setdefault("kg_answers", AnswerCache(
            app.config["STORE_DIR"], int(app.config["ANSWER_CACHE"])))
    return found


def kept_answers(app: Flask | None = None) -> KeptAnswers | None:
    """The slow answers kept on disk beside the current snapshot (None: not for this store)."""
    app = app or current_app
    if "kg_kept" not in app.extensions:
        directory = app.config["STORE_DIR"]
        keep_after = float(app.config.get("KEEP_AFTER", KEEP_AFTER))
        app.extensions["kg_kept"] = (KeptAnswers(directory, keep_after) if enabled(directory)
                                     else None)
    return app.extensions["kg_kept"]


def execute(req: dict, fresh: bool = False, timeout: float | None = None,
            watch: bool = True) -> dict:
    """Run one executor request for this HTTP request: the app's store, allow-list and timeout
    (`timeout` seconds instead, if given).

    The query stops when the client hangs up (gunicorn hands us its socket to watch), unless
    `watch` is False. A read asked again before the snapshot changes is answered from memory
    (server/answers.py); one that took an executor KEEP_AFTER seconds or more is also kept on
    disk for the snapshot (server/kept.py), for the other workers and after a restart.
    """
    req = {"allowed": list(current_app.config.get("ALLOWED_SERVICES") or []), **req}
    if timeout is None:
        timeout = float(current_app.config.get("QUERY_TIMEOUT", 30))
    cache = None if fresh or not cacheable(req) else answers()
    # the key leaves out the store's path: the kept files go where the store goes
    key = pickle.dumps(req, protocol=pickle.HIGHEST_PROTOCOL) if cache is not None else b""
    req["store"] = current_app.config["STORE_DIR"]
    found, read_at = cache.get(key) if cache is not None else (None, None)
    disk = kept_answers() if cache is not None and found is None and \
        req["op"] in KEPT_OPS else None
    if disk is not None:
        found, snapshot = disk.get(key)
        if found is not None:
            cache.put(key, found, read_at)
    if found is not None:
        return pickle.loads(found)
    started = time.monotonic()
    answer = pool().run(req, timeout, fresh=fresh, watch=request.environ.get("gunicorn.socket") if watch else None)
    if cache is not None and answer.get("status") == 200:
        found = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        cache.put(key, found, read_at)
        if disk is not None and disk.worth(time.monotonic() - started) and \
                len(found) <= ANSWER_MAX:
            disk.put(key, found, snapshot)
    return answer


def checked(answer: dict) -> dict:
    """An executor's answer, or the QueryFailed error it stands for."""
    if answer["status"] != 200:
        raise QueryFailed(answer["status"], answer["error"], answer.get("parameter"))
    return answer


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
    for iri in (default_graph or []) + (named_graphs or []):
        valid_iri(iri)
    rows = current_app.config.get("MAX_ROWS") if max_rows == -1 else max_rows
    accept = accept if accept is not None else request.headers.get("Accept", "")
    # a remote store answers point lookups too: no row cap there, so only through an executor
    local = not current_app.config.get("REMOTE")
    lookup = point.read(query) if rows and local and not (default_graph or named_graphs) else None
    if lookup is not None:  # one triple pattern: answered here, its cost bounded (server/point.py)
        answer = point.answer(current_app.extensions["kg_store"].get(), lookup, accept,
                              params or {}, rows)
        if answer is not None:
            return answer
    req = {"op": "query", "query": query,
           "default_graph": default_graph, "named_graphs": named_graphs,
           "accept": accept, "params": params or {}, "max_rows": rows, "base": base_url()}
    return execute(req)


def base_url() -> str:
    """The URL this request was sent to, without its query string (relative IRIs resolve here)."""
    env = request.environ
    return _base_url(env.get("wsgi.url_scheme"), env.get("HTTP_HOST"), env.get("SERVER_NAME"),
                     env.get("SERVER_PORT"), env.get("SCRIPT_NAME"), env.get("PATH_INFO"))


@lru_cache(maxsize=256)
def _base_url(*where: str | None) -> str:
    # werkzeug's request.base_url, from the environ keys it reads, worked out once per URL
    return request.base_url


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
