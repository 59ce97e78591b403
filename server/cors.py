"""CORS for the read endpoints, so browser tools (YASGUI, notebooks) can query from anywhere.

On by default (`CORS = True`, origin `CORS_ORIGIN = "*"`); `kg serve --no-cors` turns
it off. /update is never opened to other origins.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

READ_PATHS = ("/sparql", "/graph-store", "/.well-known/void", "/dump.", "/queries")
ALLOW_HEADERS = "Accept, Content-Type, Accept-Language, Cache-Control, X-Requested-With"
EXPOSE = "X-KG-Truncated, Warning, Content-Type"


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


def headers(config: dict, path: str) -> list[tuple[str, str]]:
    """The CORS headers an answer on `path` carries (none for other paths, or with CORS off)."""
    if not config.get("CORS", True) or not is_read_path(path):
        return []
    return [("Access-Control-Allow-Origin", config.get("CORS_ORIGIN", "*")),
            ("Access-Control-Expose-Headers", EXPOSE)]


def add_headers(resp: Response) -> Response:
    """Allow other origins to read the answers of read paths."""
    for name, value in headers(current_app.config, request.path):
        resp.headers[name] = value
    return resp


def init_app(app: Flask) -> None:
    """Install the CORS hooks on the app."""
    app.before_request(preflight)
    app.after_request(add_headers)
