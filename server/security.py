"""What every response of the app carries and what every request must respect.

- Security headers: a strict Content-Security-Policy (the pages' own /static scripts and styles
  only: no inline script, no CDN, no framing), X-Content-Type-Options, Referrer-Policy.
- Request bodies over MAX_CONTENT_LENGTH get 413 whatever the transfer encoding (a chunked body
  is read up to the limit here, never cut short and run).
- Errors: kg's own errors with their status everywhere, and anything unexpected as a plain 500
  that says nothing about the server's insides (the traceback goes to the log).
"""

from __future__ import annotations

import io

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from kg.errors import KGError

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
           "Cross-Origin-Opener-Policy": "same-origin"}


def add_headers(resp: Response) -> Response:
    """Put the security headers on a response (keeping any a view set itself)."""
    headers = resp.headers
    present = {name.lower() for name, _ in headers.items()}  # one pass, not one per header
    for name, value in HEADERS.items():
        if name.lower() not in present:
            headers.add(name, value)
    return resp


def bounded_body() -> None:
    """Read a body of unknown length (chunked) up to the limit: 413 beyond it, never a cut body."""
    env = request.environ
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is None or env.get("CONTENT_LENGTH") or "chunked" not in env.get(
            "HTTP_TRANSFER_ENCODING", "").lower():
        return
    stream, body = env["wsgi.input"], bytearray()
    while len(body) <= limit and (chunk := stream.read(min(65536, limit + 1 - len(body)))):
        body += chunk
    if len(body) > limit:
        raise RequestEntityTooLarge()
    env["wsgi.input"], env["CONTENT_LENGTH"] = io.BytesIO(bytes(body)), str(len(body))
    env.pop("HTTP_TRANSFER_ENCODING")  # the body is now whole, of a known length
    env.pop("wsgi.input_terminated", None)
    request.__dict__.pop("stream", None)


def kg_error(err: KGError) -> Response:
    """One of kg's errors raised outside the protocol blueprints: text with its status."""
    from server.protocol import kg_error as protocol_error

    return protocol_error(err)


def unexpected(err: Exception) -> Response:
    """A bug: 500 without details (the traceback is logged), never the exception text."""
    if isinstance(err, HTTPException):
        return err
    current_app.logger.exception("unexpected error answering %s %s", request.method, request.path)
    return Response("500 Internal Server Error: the server failed to answer; the operator "
                    "can find the cause in its log\n", status=500, mimetype="text/plain")


def init_app(app: Flask) -> None:
    """Install the headers, the body limit and the error handlers on the app."""
    app.before_request(bounded_body)
    app.after_request(add_headers)
    app.register_error_handler(KGError, kg_error)
    app.register_error_handler(Exception, unexpected)
