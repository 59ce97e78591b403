"""The executor process: runs SPARQL queries and updates where they can be killed.

pyoxigraph cannot cancel a query, so each query runs in a child process
(`python -m server.worker`) that the server kills on timeout. Requests and
answers are pickled dicts, each framed by an 8-byte length, on stdin/stdout.
The process seals itself off the network unless started with --network, caps
its own memory and dies with its parent (server/sandbox.py); which requests may
use the network is decided here, by server/guard.py, before pyoxigraph sees them.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import struct
import sys
import time
from pathlib import Path
from typing import IO

from pyoxigraph import NamedNode, QuerySolutions

from kg import sparql
from kg.errors import QueryError, StoreError
from kg.vocab import PREFIXES
from server import formats, guard

_handles: dict[str, object] = {}
LIMITS = {"memory": 0, "sealed": False}  # this process's own, set by main()
REMOTE: list = [30.0, "sparql"]  # with kg serve --remote: the query timeout, the store's kind
LONG = 1.0  # CPU seconds: a request using more yields the CPU to shorter ones (server/executor.py)
REMOTE_STATUS = re.compile(r"Error (\d{3})\b")


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
    from server.remote import RemoteHandle, is_remote
    from server.state import StoreHandle

    handle = _handles.get(directory)
    if handle is None:
        handle = _handles[directory] = (RemoteHandle(directory, *REMOTE) if is_remote(directory)
                                        else StoreHandle(Path(directory)))
    return handle.get()


def run_query(request: dict) -> dict:
    """Answer a query request: status, media type, body bytes, truncated flag."""
    store = read_store(request["store"])
    results = sparql.query(store, request["query"], base=request.get("base"), **dataset(request))
    offered = formats.offered_for(results)
    media = formats.choose(request.get("accept"), request.get("params") or {}, offered)
    if media is None:
        return {"status": 406, "error": "cannot answer in the requested format; this result "
                "can be given as: " + ", ".join(offered)}
    cap = request.get("max_rows")
    if cap is not None and isinstance(results, QuerySolutions) and not guard.mentions_network(
            request["query"]):
        # Most answers are far below the row cap: the engine writes them whole, and only an
        # answer that may pass the cap is run again and counted row by row (no remote endpoint
        # is asked twice: a query that cannot name one is the only kind run again).
        body = formats.serialize_within(results, media, cap)
        if body is not None:
            return {"status": 200, "media": media, "body": body, "truncated": False}
        results = sparql.query(store, request["query"], base=request.get("base"),
                               **dataset(request))
    body, truncated = formats.serialize_results(results, media, cap)
    return {"status": 200, "media": media, "body": body, "truncated": truncated}


def run_page(request: dict) -> dict:
    """One page of a saved query's results, its parameters bound as terms (never spliced)."""
    from itertools import islice

    from pyoxigraph import QueryBoolean, QuerySolutions, RdfFormat, serialize

    from kg.queries import prepare

    store = read_store(request["store"])
    text, subs = prepare(store, request["saved"], request.get("params") or {})
    bound = {var.value: term.value for var, term in subs.items() if isinstance(term, NamedNode)}
    if network_needed(text, request, bound=bound, trusted=True):
        return {"status": "network"}
    results = sparql.query(store, text, substitutions=subs)  # a QueryError answers 400
    if isinstance(results, QueryBoolean):
        return {"status": 200, "kind": "boolean", "value": bool(results)}
    start, limit = request["offset"], request["limit"]
    rows = list(islice(results, start, start + limit + 1))
    more, rows = len(rows) > limit, rows[:limit]
    if isinstance(results, QuerySolutions):
        names = [v.value for v in results.variables]
        return {"status": 200, "kind": "solutions", "more": more,
                "body": formats.solutions_json(names, rows)}
    return {"status": 200, "kind": "triples", "more": more,
            "body": serialize(rows, format=RdfFormat.N_TRIPLES)}


def run_select(request: dict) -> dict:
    """Rows of a page's fixed SELECT query (its terms bound by substitution), as terms."""
    solutions = sparql.query(read_store(request["store"]), request["query"],
                             substitutions=request.get("substitutions") or {})
    names = [v.value for v in solutions.variables]
    rows = [{n: row[n] for n in names if row[n] is not None} for row in solutions]
    return {"status": 200, "rows": rows}


def run_triples(request: dict) -> dict:
    """A page's RDF: one resource's description or one named graph's triples."""
    from server import pages_rdf

    store = read_store(request["store"])
    what = pages_rdf.describe if request["what"] == "description" else pages_rdf.graph_of
    return {"status": 200, "triples": what(store, NamedNode(request["iri"]))}


def network_needed(text: str, request: dict, update: bool = False, **how) -> bool:
    """Whether this request must run unsealed (guard.plan); ServiceRefused if it may not at all.

    The text is read with kg's prefixes, as kg.sparql runs it; no base IRI: a relative SERVICE
    or LOAD target is never on the allow-list.
    """
    needed = guard.plan(text, request.get("allowed") or (), update=update, prefixes=PREFIXES,
                        **how)
    return needed and LIMITS["sealed"]


def run_plan(request: dict) -> dict:
    """An update checked (network, syntax) and rewritten to keep the default graph the merge."""
    from server.update_ops import prepare

    text = request["update"]
    guard.plan(text, request.get("allowed") or (), update=True, prefixes=PREFIXES)
    rewritten = prepare(text, request.get("base"), request.get("using") or [],
                        request.get("using_named") or [],
                        network=guard.mentions_network(text, update=True))
    return {"status": 200, "update": rewritten}


def run_update(request: dict) -> dict:
    """Apply a (rewritten) update to the read-write store in one transaction, publish a snapshot."""
    from kg.store import open_store, publish_snapshot

    directory = Path(request["store"])
    try:
        store = open_store(directory)
    except StoreError as err:
        return {"status": 503, "error": f"store busy: {err}"}
    # The request comes rewritten (run_plan) so that the default graph stays the merge of the
    # named graphs; it runs as one update, so one transaction: all of it happens, or none.
    try:
        store.update(request["update"], base_iri=request.get("base"), prefixes=PREFIXES)
    except SyntaxError as err:
        return {"status": 400, "error": f"SPARQL syntax error: {err}"}
    except RuntimeError as err:  # e.g. DROP GRAPH of a graph that does not exist
        if guard.mentions_network(request["update"], update=True):
            raise
        return {"status": 400, "error": f"update failed, nothing was changed: {err}"}
    publish_snapshot(store, directory)
    return {"status": 200, "body": b"update done\n", "media": "text/plain"}


OPS = {"query": "run_query", "update": "run_update", "page": "run_page",
       "select": "run_select", "triples": "run_triples"}


def remote_failure(err: Exception) -> dict:
    """A SERVICE/LOAD call that failed: its HTTP status if it had one, never its body."""
    print(f"kg executor: remote service failed: {err}", file=sys.stderr, flush=True)
    if "service name is unbound" in str(err):
        return {"status": 400, "error": "SERVICE ?variable needs the variable bound to an "
                "endpoint IRI before the query runs"}
    if LIMITS["sealed"]:  # the kernel refused it: the guard did not let this query out
        return {"status": 400, "error": "remote endpoints are not allowed for this query: kg "
                "could not confirm that every SERVICE/LOAD in it is on the allow-list"}
    found = REMOTE_STATUS.match(str(err))
    how = f"HTTP {found.group(1)}" if found else "no answer"
    return {"status": 502, "error": f"remote service failed ({how})"}


def handle(request: dict) -> dict:
    """Dispatch one request, turning failures into an error answer."""
    op = request.get("op")
    try:
        if op == "query" and network_needed(request["query"], request):
            return {"status": "network"}
        if op == "update" and network_needed(request["update"], request, update=True):
            return {"status": "network"}
        if op == "plan":  # an update's check, in a warm executor before a fresh one is started
            return run_plan(request)
        if op in OPS:
            return globals()[OPS[op]](request)
        return {"status": 200, "body": b"pong", "media": "text/plain"}
    except MemoryError:
        return {"status": 503, "error": memory_message()}
    except StoreError as err:
        return {"status": 503, "error": str(err)}
    except QueryError as err:
        return {"status": 400, "error": str(err), "parameter": getattr(err, "param", None)}
    except (OSError, RuntimeError) as err:
        text = request.get("query") or request.get("update") or getattr(
            request.get("saved"), "text", "")
        if guard.mentions_network(text, update=op == "update"):
            return remote_failure(err)
        return {"status": 500, "error": f"query failed: {err}"}
    except (ValueError, KeyError) as err:
        return {"status": 500, "error": f"query failed: {err}"}
    except Exception as err:  # noqa: BLE001 - a bug must not take the executor down with it
        import traceback

        traceback.print_exc()
        return {"status": 500, "error": f"query failed: {type(err).__name__}"}


def memory_message() -> str:
    """What a client is told when its query hit this process's memory cap."""
    return (f"query needed more than {LIMITS['memory']} MiB of memory and was stopped; narrow "
            "it or add a LIMIT (the server's cap is kg serve --query-memory)")


def arguments(argv: list[str]) -> argparse.Namespace:
    """This process's limits, as the server started it."""
    parser = argparse.ArgumentParser(prog="python -m server.worker")
    parser.add_argument("--memory", type=int, default=0, help="MiB of heap (0: no cap)")
    parser.add_argument("--parent", type=int, default=0, help="die when this process does")
    parser.add_argument("--network", action="store_true", help="may open connections")
    return parser.parse_args(argv)


def main() -> None:
    """Serve requests from stdin until it closes."""
    from kg.processes import die_with_parent
    from server import sandbox

    args = arguments(sys.argv[1:])
    if args.parent:
        die_with_parent(args.parent)
    if args.memory:
        sandbox.cap_memory(args.memory)
    remote = os.environ.get("KG_REMOTE_STORE")  # it talks to that endpoint (server/remote.py)
    if remote:
        REMOTE[:] = [float(os.environ.get("KG_REMOTE_TIMEOUT", "30")),
                     os.environ.get("KG_REMOTE_KIND", "sparql")]
    LIMITS.update(memory=args.memory,
                  sealed=not args.network and not remote and sandbox.seal_network())
    if not args.network and not remote and not LIMITS["sealed"]:
        print("kg executor: cannot seal this process off the network on this system; "
              "SERVICE calls rest on the allow-list check alone", file=sys.stderr, flush=True)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints must not corrupt the answer channel
    inp = sys.stdin.buffer
    send(out, {"status": "ready", "cpu": time.process_time()})
    while (request := receive(inp)) is not None:
        # the CPU this process has used so far: the server tells a long query from a slow one
        send(out, {**handle(request), "cpu": time.process_time()})


if __name__ == "__main__":
    main()
