"""The serving baseline: a bare Flask + gunicorn + pyoxigraph SPARQL app, nothing of kg's.

It opens the same snapshot `kg serve` reads and answers `GET /sparql?query=` from the store's
own default graph (kg keeps it the merge of the named graphs, kg/graphs.py), so both servers
answer the same query over the same triples. SELECT/ASK as SPARQL JSON results, CONSTRUCT and
DESCRIBE as Turtle: what the benchmark's clients ask kg for. No timeout, guard, row cap, CORS,
security headers or executor processes: the engine behind the thinnest web layer.

    python -m bench.baselines.bare_app STORE_DIR PORT [WORKERS] [THREADS]
"""

from __future__ import annotations

import os
import sys

from flask import Flask, Response, request
from gunicorn.app.base import BaseApplication
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store


def create_app(snapshot: str) -> Flask:
    """The bare app over one read-only snapshot."""
    app = Flask(__name__)
    store = Store.read_only(snapshot)

    @app.get("/sparql")
    def sparql() -> Response:
        results = store.query(request.args["query"])
        if isinstance(results, QuerySolutions | QueryBoolean):
            return Response(results.serialize(format=QueryResultsFormat.JSON),
                            content_type="application/sparql-results+json")
        return Response(results.serialize(format=RdfFormat.TURTLE), content_type="text/turtle")

    return app


class Bare(BaseApplication):
    """gunicorn driven from Python, as `kg serve` drives it (gthread workers)."""

    def __init__(self, snapshot: str, options: dict) -> None:
        self.snapshot, self.options = snapshot, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app(self.snapshot)


def main(argv: list[str]) -> None:
    """Serve the store's newest snapshot on 127.0.0.1:PORT until interrupted."""
    from pathlib import Path

    from kg.store import latest_snapshot

    directory, port = Path(argv[0]), int(argv[1])
    workers, threads = (int(argv[2]) if len(argv) > 2 else 2), (int(argv[3]) if len(argv) > 3 else 4)
    snapshot = latest_snapshot(directory) or directory / "db"
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    Bare(str(snapshot), {"bind": f"127.0.0.1:{port}", "workers": workers, "threads": threads,
                         "worker_class": "gthread", "accesslog": None,
                         "preload_app": False}).run()


if __name__ == "__main__":
    main(sys.argv[1:])
