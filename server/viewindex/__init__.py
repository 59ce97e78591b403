"""The view index: events, entities and articles of one snapshot as SQLite tables in memory.

The pages /events, /map, /timeline and /search filter, count and page with SQL over it rather
than the store: their facet counts scan every event, which SPARQL would redo per request. It is
built by a dozen SELECTs run in the executors (each within the server's --index-timeout, not a
query's, and not stopped when the client that asked hangs up) when a snapshot is first asked for, and kept until the next snapshot - as server/describe.py keeps VoID counts.
Once the snapshot has settled, the index is also kept on disk beside it (server/viewindex/disk.py):
the other workers, and this one after a restart, read it from there instead of building it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from flask import current_app

from kg import store
from server.describe import settled
from server.pages_common import select_for_index
from server.viewindex import disk
from server.viewindex.load import build

CACHED_ANSWERS = 256  # per snapshot: facet counts and totals of recent filter combinations


class Index:
    """One snapshot's index: SQL reads (serialised by a lock) and a small cache of answers."""

    def __init__(self, db: sqlite3.Connection, snapshot: str) -> None:
        self.db = db
        self.snapshot = snapshot
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple, object] = OrderedDict()

    def rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        """The rows of one SQL query."""
        with self._lock:
            return self.db.execute(sql, tuple(params)).fetchall()

    def cached(self, key: tuple, compute: Callable[[], object]) -> object:
        """`compute()` once per key for this snapshot (the most recent keys kept)."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        found = compute()
        with self._lock:
            self._answers[key] = found
            while len(self._answers) > CACHED_ANSWERS:
                self._answers.popitem(last=False)
        return found


class Holder:
    """The app's current index, rebuilt when a newer snapshot is published."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: Index | None = None
        self.final = False  # built once every executor read the snapshot (see describe.settled)


def current() -> Index:
    """The index of the newest snapshot (built on first use, then kept)."""
    holder = current_app.extensions.setdefault("kg_viewindex", Holder())
    snapshot = store.latest_snapshot(Path(current_app.config["STORE_DIR"]))
    name = str(snapshot)
    with holder.lock:
        index = holder.index
        if index is not None and index.snapshot == name and holder.final:
            return index
        final = snapshot is not None and settled(snapshot)  # before building: it reads from now
        if index is None or index.snapshot != name or final:
            db = (disk.load_or_build(current_app.config["STORE_DIR"], snapshot.name,
                                     lambda: build(select_for_index))
                  if final else build(select_for_index))
            holder.index, holder.final = Index(db, name), final
        return holder.index
