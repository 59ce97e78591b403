"""Slow or stalled readers cannot take the threads that answer queries.

gunicorn answers each request on one of a few threads per worker; a client that asks for a
dump (or a large result) and never reads it keeps that thread in `send` for as long as it
stays connected. Two bounds stop that:

- a send timeout on every connection (SO_SNDTIMEO, `SEND_TIMEOUT` seconds, 15 by default):
  a client that reads nothing for that long is dropped;
- stream slots: at most `STREAMS` large answers (dumps, bodies over LARGE_BODY) are being sent
  per worker at once, and at most `STREAMS_PER_CLIENT` to one client address; beyond that the
  answer is 503 with Retry-After, at once, so the other threads stay free for queries.
"""

from __future__ import annotations

import select
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from flask import Flask, Response, current_app, request

from kg.errors import KGError

LARGE_BODY = 1 << 20  # bytes: a body this big may outlast the kernel's socket buffers
CHUNK = 64 * 1024


class TooManyStreams(KGError):
    """Every stream slot (for this client, or for the server) is taken."""


class Slots:
    """Counting stream slots, per worker and per client address."""

    def __init__(self, total: int, per_client: int) -> None:
        self.total, self.per_client = total, per_client
        self._held: Counter[str] = Counter()
        self._lock = threading.Lock()

    def take(self, client: str) -> None:
        """Hold one slot for `client`, or raise TooManyStreams."""
        with self._lock:
            if sum(self._held.values()) >= self.total:
                raise TooManyStreams("too many large downloads are being sent right now; "
                                     "try again in a few seconds")
            if self._held[client] >= self.per_client:
                raise TooManyStreams(f"at most {self.per_client} large downloads at a time "
                                     "per client; finish one first")
            self._held[client] += 1

    def give(self, client: str) -> None:
        """Release a slot `client` held."""
        with self._lock:
            self._held[client] -= 1
            if self._held[client] <= 0:
                del self._held[client]


def slots() -> Slots:
    """This worker's stream slots (created on first use)."""
    app = current_app
    found = app.extensions.get("kg_streams")
    if found is None:
        found = app.extensions.setdefault("kg_streams", Slots(
            int(app.config.get("STREAMS", 2)), int(app.config.get("STREAMS_PER_CLIENT", 1))))
    return found


def chunked(body: bytes) -> Iterator[bytes]:
    """A body in pieces, so that the send timeout bounds each piece, not the whole body."""
    view = memoryview(body)
    for start in range(0, len(body), CHUNK):
        yield bytes(view[start:start + CHUNK])


def paced(body: Iterable[bytes], sock: socket.socket | None, seconds: float,
          done: Callable[[], None]) -> Iterator[bytes]:
    """The body's pieces, each once the client has room for it; a client that reads nothing
    for `seconds` is disconnected (quietly: gunicorn's own send would time out with a traceback).
    `done` is called as soon as the body is over, before the response is closed."""
    try:
        for piece in body:
            if sock is not None and seconds > 0 and not select.select([], [sock], [], seconds)[1]:
                sock.shutdown(socket.SHUT_RDWR)
                return
            yield piece
    finally:
        done()
        close = getattr(body, "close", None)
        if close is not None:
            close()


def streamed(resp: Response, body: Iterable[bytes] | None = None) -> Response:
    """Send a large answer in a stream slot; 503 with Retry-After at once if none is free."""
    if request.method == "HEAD":  # no body will be sent
        return resp
    client = request.remote_addr or "?"
    held = slots()
    try:
        held.take(client)
    except TooManyStreams as err:
        resp.close()
        return Response(f"{err}\n", status=503, mimetype="text/plain",
                        headers={"Retry-After": "5"})
    given: list[bool] = []

    def give() -> None:  # once: when the body ends, or when the response closes unsent
        if not given:
            given.append(True)
            held.give(client)

    resp.call_on_close(give)
    seconds = float(current_app.config.get("SEND_TIMEOUT", 15))
    resp.response = paced(resp.response if body is None else body,
                          request.environ.get("gunicorn.socket"), seconds, give)
    return resp


def bound_large(resp: Response) -> Response:
    """An answer whose body is large goes through a stream slot and is sent in chunks."""
    if resp.direct_passthrough or resp.is_streamed or resp.status_code != 200:
        return resp
    size = resp.calculate_content_length()
    if size is None or size <= LARGE_BODY:
        return resp
    body = resp.get_data()
    resp.headers["Content-Length"] = str(len(body))
    return streamed(resp, chunked(body))


def send_timeout() -> None:
    """Give this connection a send timeout: a stalled reader gets dropped."""
    bound_sending(request.environ.get("gunicorn.socket"),
                  float(current_app.config.get("SEND_TIMEOUT", 15)))


def bound_sending(sock: socket.socket | None, seconds: float) -> None:
    """Give a connection's socket a send timeout of `seconds` (none for 0 or no socket)."""
    if sock is None or seconds <= 0:
        return
    timeval = struct.pack("ll", int(seconds), int(seconds % 1 * 1_000_000))
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)
    except OSError:
        pass  # not a TCP socket (a test client): nothing to bound


def init_app(app: Flask) -> None:
    """Install the send timeout and the large-answer bound on the app."""
    app.before_request(send_timeout)
    app.after_request(bound_large)
