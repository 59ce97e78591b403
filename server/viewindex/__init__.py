"""The view index: events, entities and articles of one snapshot as SQLite tables in memory.

The pages /events, /map, /timeline and /search filter, count and page with SQL over it rather
than the store: their facet counts scan every event, which SPARQL would redo per request. It is
built by a dozen SELECTs run in the executors (each within the server's --index-timeout, not a
query's, and not stopped when the client that asked hangs up) when a snapshot is first asked for, and kept until the next snapshot - as server/describe.py keeps VoID counts.
Once the snapshot has settled, the index is also kept on disk beside it (server/viewindex/disk.py):
the other workers, and this one after a restart, read it from there instead of building it.
"""

from __future__ import annotations

import pickle
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from kg import store
from server.describe import settled
from server.pages_common import select_for_index
from server.viewindex import disk
from server.viewindex.load import build

if TYPE_CHECKING:
    from server.kept import KeptAnswers

CACHED_ANSWERS = 256  # per snapshot: facet counts and totals of recent filter combinations


class Index:
    """One snapshot's index: SQL reads (serialised by a lock) and a small cache of answers.

    `kept`: the snapshot's answers on disk (server/kept.py), where answers that took long are
    kept too, under `name` (the snapshot's). `repair`: what gives a sound index when this one
    proves damaged (one read from a file SQLite then finds corrupt): the query is asked again.
    """

    def __init__(self, db: sqlite3.Connection, snapshot: str, kept: KeptAnswers | None = None,
                 repair: Callable[[], sqlite3.Connection] | None = None) -> None:
        self.db = db
        self.snapshot = snapshot
        self._kept, self._repair = kept, repair
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple, object] = OrderedDict()

    def rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        """The rows of one SQL query."""
        with self._lock:
            try:
                return self.db.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError:
                if self._repair is None:
                    raise
                self.db, self._repair = self._repair(), None
                self._answers.clear()
                return self.db.execute(sql, tuple(params)).fetchall()

    def cached(self, key: tuple, compute: Callable[[], object]) -> object:
        """`compute()` once per key for this snapshot (the most recent keys kept; those that
        took long kept on disk too)."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        name = Path(self.snapshot).name
        disk_key = pickle.dumps(("viewindex", key)) if self._kept is not None else b""
        stored = self._kept.get(disk_key, name)[0] if self._kept is not None else None
        if stored is not None:
            found = pickle.loads(stored)
        else:
            started = time.monotonic()
            found = compute()
            if self._kept is not None and self._kept.worth(time.monotonic() - started):
                self._kept.put(disk_key, pickle.dumps(found), name)
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
            holder.index, holder.final = (kept(snapshot) if final else
                                          Index(build(select_for_index), name)), final
        return holder.index


def kept(snapshot: Path) -> Index:
    """The index of a settled snapshot: read from its file, else built and written there."""
    from server.protocol import kept_answers

    directory = current_app.config["STORE_DIR"]
    make = partial(build, select_for_index)
    return Index(disk.load_or_build(directory, snapshot.name, make), str(snapshot),
                 kept_answers(), lambda: disk.rebuild(directory, snapshot.name, make))
