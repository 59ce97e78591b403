"""The executor process: runs SPARQL queries and updates where they can be killed.

pyoxigraph cannot cancel a query, so each query runs in a child process
(`python -m server.worker`) that the server kills on timeout. Requests and
answers are pickled dicts, each framed by an 8-byte length, on stdin/stdout.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from pathlib import Path
from typing import IO

from pyoxigraph import NamedNode

from kg import sparql
from kg.errors import QueryError, StoreError
from kg.vocab import PREFIXES
from server import formats

_handles: dict[str, object] = {}


def send(out: IO[bytes], message: dict) -> None:
    """Write one framed message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(struct.pack(">Q", len(data)) + data)
    out.flush()


def receive(inp: IO[bytes]) -> dict | None:
    """Read one framed message, or None at end of input."""
    head = inp.read(8)
    if len(head) < 8:
        return None
    (size,) = struct.unpack(">Q", head)
    return pickle.loads(inp.read(size))


def dataset(request: dict) -> dict:
    """pyoxigraph keyword arguments for the protocol's dataset parameters.

    Without them the query's FROM / FROM NAMED apply, else the store's default graph (the merge
    of the named graphs) and every named graph. With them, they replace the query's.
    """
    default, named = request.get("default_graph"), request.get("named_graphs")
    if not default and not named:
        return {}
    return {"default_graph": [NamedNode(g) for g in default or []],
            "named_graphs": [NamedNode(g) for g in named or []]}


def read_store(directory: str):
    """The newest snapshot of the store, reopened when a build publishes."""
    from server.state import StoreHandle

    handle = _handles.get(directory)
    if handle is None:
        handle = _handles[directory] = StoreHandle(Path(directory))
    return handle.get()


def run_query(request: dict) -> dict:
    """Answer a query request: status, media type, body bytes, truncated flag."""
    store = read_store(request["store"])
    try:
        results = sparql.query(store, request["query"], base=request.get("base"), **dataset(request))
    except QueryError as err:
        return {"status": 400, "error": str(err)}
    offered = formats.offered_for(results)
    media = formats.choose(request.get("accept"), request.get("params") or {}, offered)
    if media is None:
        return {"status": 406, "error": "cannot answer in the requested format; this result "
                "can be given as: " + ", ".join(offered)}
    body, truncated = formats.serialize_results(results, media, request.get("max_rows"))
    return {"status": 200, "media": media, "body": body, "truncated": truncated}


def run_page(request: dict) -> dict:
    """One page of a saved query's results, its terms bound by substitution (never spliced)."""
    from itertools import islice

    from pyoxigraph import QueryBoolean, QuerySolutions, RdfFormat, serialize

    store = read_store(request["store"])
    try:
        results = sparql.query(store, request["query"],
                               substitutions=request.get("substitutions") or {})
    except QueryError as err:
        return {"status": 400, "error": str(err)}
    if isinstance(results, QueryBoolean):
        return {"status": 200, "kind": "boolean", "value": bool(results)}
    start, limit = request["offset"], request["limit"]
    try:
        rows = list(islice(results, start, start + limit + 1))
    except (OSError, RuntimeError) as err:
        return {"status": 502, "error": f"the query failed while running: {err}"}
    more, rows = len(rows) > limit, rows[:limit]
    if isinstance(results, QuerySolutions):
        names = [v.value for v in results.variables]
        return {"status": 200, "kind": "solutions", "more": more,
                "body": formats.solutions_json(names, rows)}
    return {"status": 200, "kind": "triples", "more": more,
            "body": serialize(rows, format=RdfFormat.N_TRIPLES)}


def run_update(request: dict) -> dict:
    """Apply a (rewritten) update to the read-write store in one transaction, publish a snapshot."""
    from kg.store import open_store, publish_snapshot

    directory = Path(request["store"])
    try:
        store = open_store(directory)
    except StoreError as err:
        return {"status": 503, "error": f"store busy: {err}"}
    # The request comes rewritten (server/update_ops.py) so that the default graph stays the
    # merge of the named graphs; it runs as one update, so one transaction: all of it or none.
    try:
        store.update(request["update"], base_iri=request.get("base"), prefixes=PREFIXES)
    except SyntaxError as err:
        return {"status": 400, "error": f"SPARQL syntax error: {err}"}
    except RuntimeError as err:  # e.g. DROP GRAPH of a graph that does not exist
        return {"status": 400, "error": f"update failed, nothing was changed: {err}"}
    publish_snapshot(store, directory)
    return {"status": 200, "body": b"update done\n", "media": "text/plain"}


def handle(request: dict) -> dict:
    """Dispatch one request, turning failures into an error answer."""
    try:
        if request["op"] == "query":
            return run_query(request)
        if request["op"] == "update":
            return run_update(request)
        if request["op"] == "page":
            return run_page(request)
        return {"status": 200, "body": b"pong", "media": "text/plain"}
    except StoreError as err:
        return {"status": 503, "error": str(err)}
    except (ValueError, OSError, RuntimeError, KeyError) as err:
        return {"status": 500, "error": f"query failed: {err}"}


def main() -> None:
    """Serve requests from stdin until it closes."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints must not corrupt the answer channel
    inp = sys.stdin.buffer
    while (request := receive(inp)) is not None:
        send(out, handle(request))


if __name__ == "__main__":
    main()
