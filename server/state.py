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


def stamp(directory: Path) -> tuple[int, int, int] | None:
    """What identifies the current snapshot pointer's version (it is replaced, never edited)."""
    try:
        found = os.stat(Path(directory) / "snapshots" / "CURRENT")
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


class StoreHandle:
    """Hands out the newest snapshot of a store directory, reopened when a newer one is published."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._stamp: tuple[int, int, int] | None = None

    def get(self) -> Store:
        """The store to read now."""
        with self._lock:
            now = stamp(self.directory)
            if self._store is None or now != self._stamp:
                self._store = store.open_for_reading(self.directory)
                self._stamp = now
            return self._store
