"""Files a server keeps beside a snapshot: `snapshots/<n>.<kind>.sqlite`, SQLite databases of
what it worked out from snapshot <n> (the view index, slow answers), so that a restarted server
reads them instead of working them out again.

Each file has a `kg_meta` table naming the snapshot it was made from and the format of its
contents (a hash of the code and queries that made them): a file of another snapshot or format
(a stale or foreign file), or one SQLite cannot read (truncated, corrupt), is refused, so its
contents are made again. A new file is written whole under a temporary name and renamed into
place, so no reader sees half of one. Publishing a snapshot removes the files of the others
(kg/store.py prune_snapshot_files).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from kg import store

META = "CREATE TABLE kg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def current(store_dir: str | Path) -> str | None:
    """The name of the snapshot servers read now (None: no snapshot, or a remote store)."""
    if "://" in str(store_dir):  # kg serve --remote: no snapshots of ours
        return None
    found = store.latest_snapshot(Path(store_dir))
    return found.name if found is not None else None


def path(store_dir: str | Path, snapshot: str, kind: str) -> Path:
    """Where the file of this kind ('views', 'answers') for a snapshot is kept."""
    return Path(store_dir) / "snapshots" / f"{snapshot}.{kind}.sqlite"


def format_hash(texts: Iterable[str]) -> str:
    """A short hash of what makes a file's contents (code, queries, schema): its format."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def meta(db: sqlite3.Connection) -> dict[str, str]:
    """The file's kg_meta entries ({} when it has none)."""
    try:
        return dict(db.execute("SELECT key, value FROM kg_meta"))
    except sqlite3.DatabaseError:
        return {}


def size(db: sqlite3.Connection) -> int:
    """The bytes a database's header says it holds (its pages times their size)."""
    return db.execute("PRAGMA page_count").fetchone()[0] * \
        db.execute("PRAGMA page_size").fetchone()[0]


def whole(target: Path, db: sqlite3.Connection) -> bool:
    """Whether the file is as long as its header says (a truncated copy is not)."""
    held = size(db)
    return held > 0 and held == target.stat().st_size


def open_checked(target: Path, snapshot: str, fmt: str, *, writable: bool = False,
                 check: bool = True) -> sqlite3.Connection | None:
    """The file opened (read-only unless `writable`) if it is whole and holds what `snapshot`
    in format `fmt` gives; else None. With `check`, every page is read once (quick_check)."""
    mode = "rw" if writable else "ro&immutable=1"  # a kept file never changes unless writable
    try:
        db = sqlite3.connect(f"file:{quote(str(target))}?mode={mode}", uri=True,
                             check_same_thread=False)
    except sqlite3.DatabaseError:
        return None
    try:
        good = ((writable or whole(target, db))  # another writer may be growing it
                and meta(db) == {"snapshot": snapshot, "format": fmt}
                and (not check or db.execute("PRAGMA quick_check").fetchone()[0] == "ok"))
    except (sqlite3.DatabaseError, OSError):
        good = False
    if not good:
        db.close()
        return None
    return db


def write(db: sqlite3.Connection, target: Path, snapshot: str, fmt: str) -> bool:
    """Copy `db` to `target` with its kg_meta, atomically (temporary file, then rename).

    False when it could not be written (a full disk, the snapshot pruned meanwhile ...): the
    server goes on with what it has in memory."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        out = sqlite3.connect(tmp)
        try:
            db.backup(out)
            out.execute("DROP TABLE IF EXISTS kg_meta")
            out.execute(META)
            out.executemany("INSERT INTO kg_meta VALUES (?, ?)",
                            [("snapshot", snapshot), ("format", fmt)])
            out.commit()
        finally:
            out.close()
        os.replace(tmp, target)
    except (sqlite3.DatabaseError, OSError):
        tmp.unlink(missing_ok=True)
        return False
    if current(target.parent.parent) != snapshot:  # published over meanwhile: nobody reads it
        target.unlink(missing_ok=True)
    return True
