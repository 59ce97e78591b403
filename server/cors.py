"""CORS for the read endpoints, so browser tools (YASGUI, notebooks) can query from anywhere.

On by default (`CORS = True`, origin `CORS_ORIGIN = "*"`); `kg serve --no-cors` turns
it off. /update is never opened to other origins.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

READ_PATHS = ("/sparql", "/graph-store", "/.well-known/void", "/dump.", "/queries")
ALLOW_HEADERS = "Accept, Content-Type, Accept-Language, Cache-Control, X-Requested-With"


def is_read_path(path: str) -> bool:
    """Whether CORS applies to this path."""
    return path.startswith(READ_PATHS) and not path.startswith("/update")


def preflight() -> Response | None:
    """Answer an OPTIONS preflight for a read path directly."""
    if request.method != "OPTIONS" or not current_app.config.get("CORS", True):
        return None
    if not is_read_path(request.path):
        return None
    resp = Response(status=204)
    resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
    resp.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def add_headers(resp: Response) -> Response:
    """Allow other origins to read the answers of read paths."""
    if current_app.config.get("CORS", True) and is_read_path(request.path):
        resp.headers["Access-Control-Allow-Origin"] = current_app.config.get("CORS_ORIGIN", "*")
        resp.headers["Access-Control-Expose-Headers"] = "X-KG-Truncated, Warning, Content-Type"
    return resp


def init_app(app: Flask) -> None:
    """Install the CORS hooks on the app."""
    app.before_request(preflight)
    app.after_request(add_headers)
