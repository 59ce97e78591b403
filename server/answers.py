"""Answers kept per snapshot: a read asked again before the store changes is answered from memory.

Each gunicorn worker keeps the executors' answers to its read requests (queries, saved-query
pages, the pages' own queries), keyed by the request exactly as it is sent to an executor (its
pickled bytes: the query text, dataset, Accept header, format parameters, row cap, base URL ...).
They are kept while the snapshot pointer stays the one they were read from (server/state.py: a
build or an update publishing a snapshot changes it, and the next request, which stats the
pointer, drops them all), so an answer is never older than the snapshot a fresh query would read.

Not kept: errors, answers over ANSWER_MAX bytes, queries that may call a remote endpoint (their
data is not the store's) and queries whose answer changes from one run to the next (NOW(),
RAND(), UUID() ...).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from server import guard
from server.state import pointer_stamp

CACHED_OPS = ("query", "page", "select", "triples")
VOLATILE = re.compile(r"\b(?:now|rand|uuid|struuid|bnode)\s*\(", re.IGNORECASE)
ANSWER_MAX = 1 << 20  # bytes: a bigger answer is cheap to make again next to what sending it costs


def text_of(request: dict) -> str:
    """The SPARQL text a read request runs ('' for a page's own fixed RDF reads)."""
    saved = request.get("saved")
    return request.get("query") or getattr(saved, "text", "") or ""


def cacheable(request: dict) -> bool:
    """Whether the answer to this request depends only on the snapshot it reads."""
    if request.get("op") not in CACHED_OPS:
        return False
    text = guard.unescape(text_of(request))
    return not guard.mentions_network(text) and not VOLATILE.search(text)


class AnswerCache:
    """Answers (pickled) by request bytes (pickled), for one snapshot, least recently used out."""

    def __init__(self, store_dir: str, max_bytes: int) -> None:
        self.current = f"{store_dir}/snapshots/CURRENT"
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._answers: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = 0
        self._stamp: tuple[int, int, int] | None = None

    def stamp(self) -> tuple[int, int, int] | None:
        """The snapshot pointer's version now; a change drops every answer kept."""
        now = pointer_stamp(self.current)
        if now != self._stamp:
            with self._lock:
                self._answers.clear()
                self._size, self._stamp = 0, now
        return now

    def get(self, key: bytes) -> tuple[bytes | None, tuple[int, int, int] | None]:
        """(the answer kept for this request or None, the snapshot stamp it is valid for)."""
        now = self.stamp()
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
        return found, now

    def put(self, key: bytes, answer: bytes, read_at: tuple[int, int, int] | None) -> None:
        """Keep an answer read at snapshot `read_at`, unless the snapshot changed meanwhile."""
        if read_at is None or len(answer) > min(ANSWER_MAX, self.max_bytes) or \
                pointer_stamp(self.current) != read_at:
            return
        with self._lock:
            if self._stamp != read_at or key in self._answers:
                return
            self._answers[key] = answer
            self._size += len(key) + len(answer)
            while self._size > self.max_bytes:
                old_key, old = self._answers.popitem(last=False)
                self._size -= len(old_key) + len(old)
