"""The view index on disk: `snapshots/<n>.views.sqlite`, written once per snapshot, read by
every worker and after a restart instead of building the index again (server/snapshots.py).

Its format is a hash of the schema, the extraction queries and the code loading their rows: an
index made by other code is refused and built again. Workers building the index of the same
snapshot take turns (a lock file beside it), so the second one reads what the first wrote.
"""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from server import snapshots

HERE = Path(__file__).resolve().parent
FORMAT = snapshots.format_hash(
    p.read_text(encoding="utf-8")
    for p in [HERE / "schema.sql", HERE / "load.py", *sorted((HERE / "sparql").glob("*.rq"))])


def load(store_dir: str | Path, snapshot: str, check: bool = False) -> sqlite3.Connection | None:
    """The index kept for this snapshot, opened read-only (None if there is none to trust).

    Its header, length and kg_meta are checked; every page only with `check` (a full read of
    the file): damage found later by a query is repaired then (`rebuild`)."""
    return snapshots.open_checked(snapshots.path(store_dir, snapshot, "views"), snapshot, FORMAT,
                                  check=check)


def save(db: sqlite3.Connection, store_dir: str | Path, snapshot: str) -> bool:
    """Keep this snapshot's index on disk (False if it could not be written)."""
    return snapshots.write(db, snapshots.path(store_dir, snapshot, "views"), snapshot, FORMAT)


@contextmanager
def building(store_dir: str | Path, snapshot: str) -> Iterator[None]:
    """Hold the lock of this snapshot's index build (other processes' builds wait)."""
    lock = snapshots.path(store_dir, snapshot, "views").with_suffix(".lock")
    try:
        handle = open(lock, "a")  # noqa: SIM115 - held for the block
    except OSError:  # a read-only store directory: build without taking turns
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def load_or_build(store_dir: str | Path, snapshot: str,
                  build: Callable[[], sqlite3.Connection]) -> sqlite3.Connection:
    """The index kept on disk for this snapshot, else built (and kept for the next reader)."""
    found = load(store_dir, snapshot)
    return found if found is not None else rebuild(store_dir, snapshot, build, check=False)


def rebuild(store_dir: str | Path, snapshot: str, build: Callable[[], sqlite3.Connection],
            check: bool = True) -> sqlite3.Connection:
    """Under the build lock: the file another worker wrote meanwhile if it reads whole (every
    page read with `check`, as after the kept index proved damaged), else the index built and
    written again."""
    with building(store_dir, snapshot):
        found = load(store_dir, snapshot, check=check)
        if found is not None:
            return found
        db = build()
        save(db, store_dir, snapshot)
        return db
