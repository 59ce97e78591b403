"""Whole-store dumps streamed as Turtle, TriG, N-Quads or N-Triples: /dump.ttl, .trig, .nq, .nt.

TriG and N-Quads hold the named graphs (one per article, the ontology, ...); Turtle and
N-Triples the default graph, their merge: each triple once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from typing import IO

from flask import Blueprint, Response, abort, current_app

from kg import store as kg_store
from server import formats, protocol, slow_clients

bp = Blueprint("dumps", __name__)
protocol.register_errors(bp)
DUMPS: dict[str, tuple[str, str]] = {  # extension -> (kg.store.dump format, media type)
    "ttl": ("turtle", "text/turtle"),
    "trig": ("trig", "application/trig"),
    "nq": ("nquads", "application/n-quads"),
    "nt": ("ntriples", "application/n-triples"),
}
CHUNK = 64 * 1024


def stream(write: Callable[[IO[bytes]], None]) -> Iterator[bytes]:
    """What `write` writes, from a thread into a pipe, read in chunks (started when iterated)."""
    def run(write_fd: int) -> None:
        try:
            with os.fdopen(write_fd, "wb") as out:
                write(out)
        except OSError:
            pass  # the client went away (the pipe breaks, even on the last flush)

    def chunks() -> Iterator[bytes]:
        read_fd, write_fd = os.pipe()
        writer = threading.Thread(target=run, args=(write_fd,), daemon=True)
        writer.start()
        with os.fdopen(read_fd, "rb") as inp:
            while data := inp.read(CHUNK):
                yield data
        writer.join()

    return chunks()


@bp.route("/dump.<ext>", methods=["GET"])
def dump(ext: str) -> Response:
    """Stream the whole store (every graph, ontology included)."""
    if ext not in DUMPS:
        abort(404)
    fmt, media = DUMPS[ext]
    db = current_app.extensions["kg_store"].get()
    resp = Response(stream(lambda out: kg_store.dump(db, out, fmt)),
                    content_type=formats.content_type(media))
    resp.headers["Content-Disposition"] = f'attachment; filename="kg.{ext}"'
    return slow_clients.streamed(resp)
