"""The store as a server sees it: the newest read-only snapshot, reopened when a build publishes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pyoxigraph import Store

from kg import store

# Each request looks at snapshots/CURRENT (one stat), so an answer given after an update or a
# build has published reads what it wrote: no process reads an older snapshot for longer.
CHECK_EVERY = 0.0


def stamp(directory: Path | str) -> tuple[int, int, int] | None:
    """What identifies the current snapshot pointer's version (it is replaced, never edited)."""
    return pointer_stamp(os.path.join(directory, "snapshots", "CURRENT"))


def pointer_stamp(current: str) -> tuple[int, int, int] | None:
    """The version of the snapshot pointer file at the path `current` (None if absent)."""
    try:
        found = os.stat(current)
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


class StoreHandle:
    """Hands out the newest snapshot of a store directory, reopened when a newer one is published."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._current = os.path.join(self.directory, "snapshots", "CURRENT")  # stat'ed per request
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._stamp: tuple[int, int, int] | None = None

    def get(self) -> Store:
        """The store to read now."""
        with self._lock:
            now = pointer_stamp(self._current)
            if self._store is None or now != self._stamp:
                self._store = store.open_for_reading(self.directory)
                self._stamp = now
            return self._store
