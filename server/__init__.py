"""The Flask app: SPARQL endpoint, saved queries, dumps and pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError
from server.state import StoreHandle

if TYPE_CHECKING:  # Flask is imported by create_app: executors (server.worker) never load it
    from flask import Flask, Response


def create_app(store_dir: str | Path | None = None, queries_dir: str | Path | None = None,
               config: dict | None = None) -> Flask:
    """An app serving the store in `store_dir`."""
    from flask import Flask

    from kg.config import QUERIES_DIR, default_store

    app = Flask(__name__)
    app.config.update(QUERY_TIMEOUT=30.0, ALLOW_UPDATE=False, UPDATE_TOKEN=None,
                      ALLOWED_SERVICES=[], MAX_ROWS=100_000, MAX_CONTENT_LENGTH=1_000_000,
                      QUERY_MEMORY=1024, SEND_TIMEOUT=15.0, STREAMS=2, STREAMS_PER_CLIENT=1,
                      ANSWER_CACHE=64 << 20)  # bytes of answers kept per worker (server/answers.py)
    app.config.update(config or {})
    app.config["QUERIES_DIR"] = str(queries_dir or app.config.get("QUERIES_DIR") or QUERIES_DIR)
    if app.config.get("REMOTE"):  # kg serve --remote URL: a SPARQL endpoint instead of a store
        from server.remote import RemoteHandle

        app.config["STORE_DIR"] = app.config["REMOTE"]
        app.extensions["kg_store"] = RemoteHandle(app.config["REMOTE"], app.config["QUERY_TIMEOUT"],
                                                  app.config.get("REMOTE_KIND", "sparql"))
    else:
        directory = Path(store_dir or app.config.get("STORE_DIR") or default_store())
        app.config["STORE_DIR"] = str(directory)
        app.extensions["kg_store"] = StoreHandle(directory)

    from server import sparql

    app.register_blueprint(sparql.bp)
    from server import cors, describe, dumps, gsp, security, slow_clients, update

    for protocol_bp in (describe.bp, gsp.bp, update.bp, dumps.bp):
        app.register_blueprint(protocol_bp)
    cors.init_app(app)
    security.init_app(app)
    slow_clients.init_app(app)
    from server import queries as saved_queries

    app.register_blueprint(saved_queries.bp)
    from server import pages

    app.register_blueprint(pages.bp)
    from server import pages_events, pages_map, pages_search, pages_timeline

    for view_bp in (pages_events.bp, pages_map.bp, pages_timeline.bp, pages_search.bp):
        app.register_blueprint(view_bp)
    app.register_error_handler(StoreError, store_unavailable)
    from server import point_wsgi

    point_wsgi.init_app(app)  # GET point lookups answered in front of Flask (same answer)
    return app


def store_unavailable(err: StoreError) -> Response:
    """No store to read yet (or it cannot be opened): 503, saying why."""
    from flask import Response

    return Response(f"503 Service Unavailable: {err}\n", status=503, mimetype="text/plain")
