"""Point lookups sent as `GET /sparql?query=...` answered before Flask: the same bytes and headers.

A point lookup (server/point.py) costs the engine a fraction of a millisecond, and the rest of
what a request costs was Flask's and kg's per-request work around it: a request context, URL
routing, six hooks, a Response object and its headers, each step a few Python calls. This WSGI
layer (installed around the app's `wsgi_app`, as Flask documents for middleware) answers such a
request itself, with what those steps add to it:

- the answer of point.read / point.answer, the one way kg answers a point lookup (content
  negotiation included: server/formats.choose on the Accept header);
- the send timeout on the connection (server/slow_clients.bound_sending);
- the Vary, security (server/security.HEADERS) and CORS (server/cors.headers) headers, in the
  order the app's hooks put them.

Anything else goes to the app unchanged: another path or method, a request body, any parameter
but one `query`, a query that is not a point lookup, a remote store, an answer over the byte
budget or over the size that needs a stream slot, and every error (the app then answers it
again, with its status, message and log). tests/test_point_wsgi.py checks that both ways give
the same status, headers and body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from flask import Flask

from server import cors, formats, point, security, slow_clients


class PointLookups:
    """WSGI middleware: answers point lookups by GET, hands every other request to `inner`."""

    def __init__(self, app: Flask, inner: Callable) -> None:
        self.app, self.inner = app, inner

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            found = self.answer(environ)
        except Exception:  # noqa: BLE001 - the app answers it again, and logs what it must
            found = None
        if found is None:
            return self.inner(environ, start_response)
        headers, body = found
        start_response("200 OK", headers)
        return [body]

    def answer(self, environ: dict) -> tuple[list[tuple[str, str]], bytes] | None:
        """The headers and body of the answer to this request, or None to let the app answer."""
        config = self.app.config
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != "/sparql" \
                or environ.get("CONTENT_LENGTH") or environ.get("HTTP_TRANSFER_ENCODING") \
                or config.get("REMOTE") or not config.get("MAX_ROWS"):
            return None
        # the query string read exactly as werkzeug reads request.args
        params = parse_qsl(environ.get("QUERY_STRING", "").encode("latin1").decode(),
                           keep_blank_values=True, errors="werkzeug.url_quote")
        if len(params) != 1 or params[0][0] != "query":
            return None
        lookup = point.read(params[0][1])
        if lookup is None:
            return None
        db = self.app.extensions["kg_store"].get()
        found = point.answer(db, lookup, environ.get("HTTP_ACCEPT", ""), {}, config["MAX_ROWS"])
        if found is None or len(found["body"]) > slow_clients.LARGE_BODY:
            return None
        slow_clients.bound_sending(environ.get("gunicorn.socket"),
                                   float(config.get("SEND_TIMEOUT", 15)))
        body = found["body"]
        return [("Content-Type", formats.content_type(found["media"])),
                ("Content-Length", str(len(body))), ("Vary", "Accept"),
                *security.HEADERS.items(), *cors.headers(config, "/sparql")], body


def init_app(app: Flask) -> None:
    """Answer point lookups in front of the app."""
    app.wsgi_app = PointLookups(app, app.wsgi_app)
