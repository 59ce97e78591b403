"""Slow answers kept on disk for a snapshot: `snapshots/<n>.answers.sqlite`.

The answer cache (server/answers.py) lives in one worker's memory and starts empty after a
restart. Of the pages' own reads (KEPT_OPS; not the queries sent to /sparql), what took an
executor KEEP_AFTER seconds or more (the home page's counts, VoID's, the
class tree, an entity page's totals ...) is also written here, keyed by the same request bytes,
and so are the view index's slow answers (the facet counts of /events: server/viewindex), so
the other workers and a restarted server read them instead of working them out again.

The file is shared by the workers (SQLite's own locking); one that is of another snapshot or
format, or that SQLite finds corrupt, is replaced by an empty one. A write that has to wait for
another worker's is dropped: the answer is still kept in memory. The answers are pickles (as the
executors send them): the file is as trusted as the store beside it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pyoxigraph

from server import snapshots

HERE = Path(__file__).resolve().parent
KEEP_AFTER = 0.1  # seconds an executor took: quicker answers are cheaper to make again
KEPT_OPS = ("select", "triples", "page")  # the pages' own reads (not /sparql's queries)
MAX_BYTES = 256 << 20  # per file: past this, new answers are kept in memory only
MADE_BY = [HERE / "worker.py", HERE / "formats.py",  # the executors' answers, the views' counts
           *sorted(p for p in (HERE / "viewindex").rglob("*") if p.suffix in (".py", ".sql", ".rq"))]
FORMAT = snapshots.format_hash([pyoxigraph.__version__,
                                *(p.read_text(encoding="utf-8") for p in MADE_BY)])
SCHEMA = "CREATE TABLE answer (key BLOB PRIMARY KEY, value BLOB NOT NULL)"


class KeptAnswers:
    """The answers file of the current snapshot, opened (or made) on first use."""

    def __init__(self, store_dir: str, keep_after: float = KEEP_AFTER) -> None:
        self.store_dir = store_dir
        self.keep_after = keep_after
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._snapshot: str | None = None

    def worth(self, seconds: float) -> bool:
        """Whether an answer that took this long to make is worth keeping on disk."""
        return seconds >= self.keep_after

    def get(self, key: bytes, snapshot: str | None = None) -> tuple[bytes | None, str | None]:
        """(the answer kept for this request or None, the snapshot it is looked up in: the
        current one unless given)."""
        snapshot = snapshot or snapshots.current(self.store_dir)
        if snapshot is None:
            return None, None
        with self._lock:
            try:
                row = self._open(snapshot).execute(
                    "SELECT value FROM answer WHERE key = ?", (key,)).fetchone()
            except sqlite3.OperationalError:  # locked by a writer too long, or not writable
                return None, snapshot
            except sqlite3.DatabaseError:  # not a database, malformed: made again
                self._reset(snapshot)
                return None, snapshot
        return (row[0] if row else None), snapshot

    def put(self, key: bytes, answer: bytes, snapshot: str | None) -> None:
        """Keep an answer read from `snapshot`, unless a newer one was published meanwhile."""
        if snapshot is None or snapshots.current(self.store_dir) != snapshot:
            return
        with self._lock:
            try:
                db = self._open(snapshot)
                if snapshots.size(db) + len(key) + len(answer) > MAX_BYTES:
                    return
                db.execute("INSERT OR IGNORE INTO answer VALUES (?, ?)", (key, answer))
                db.commit()
            except sqlite3.OperationalError:  # another worker is writing: keep it in memory only
                self._rollback()
            except sqlite3.DatabaseError:
                self._reset(snapshot)

    def _open(self, snapshot: str) -> sqlite3.Connection:
        if self._db is None or self._snapshot != snapshot:
            if self._db is not None:
                self._db.close()
            target = snapshots.path(self.store_dir, snapshot, "answers")
            self._db = snapshots.open_checked(target, snapshot, FORMAT, writable=True) \
                or self._create(target, snapshot)
            self._db.execute("PRAGMA busy_timeout = 200")
            self._snapshot = snapshot
        return self._db

    def _create(self, target: Path, snapshot: str) -> sqlite3.Connection:
        empty = sqlite3.connect(":memory:")
        empty.execute(SCHEMA)
        snapshots.write(empty, target, snapshot, FORMAT)
        empty.close()
        found = snapshots.open_checked(target, snapshot, FORMAT, writable=True, check=False)
        if found is None:
            raise sqlite3.OperationalError(f"{target}: cannot be written")
        return found

    def _rollback(self) -> None:
        if self._db is not None:
            try:
                self._db.rollback()
            except sqlite3.DatabaseError:
                pass

    def _reset(self, snapshot: str) -> None:
        """Drop a file SQLite cannot read: the next use makes an empty one."""
        if self._db is not None:
            self._db.close()
        self._db, self._snapshot = None, None
        try:
            snapshots.path(self.store_dir, snapshot, "answers").unlink(missing_ok=True)
        except OSError:
            pass


def enabled(store_dir: str) -> bool:
    """Whether answers can be kept beside this store (a local store directory one may write)."""
    return "://" not in store_dir and os.access(Path(store_dir) / "snapshots", os.W_OK)
