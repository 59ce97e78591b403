"""The store as a server sees it: the newest read-only snapshot, reopened when a build publishes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pyoxigraph import Store

from kg import store

CHECK_EVERY = 1.0  # seconds between looks for a newer snapshot


class StoreHandle:
    """Hands out the newest snapshot of a store directory, checking for a newer one each second."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._snapshot: Path | None = None
        self._checked = 0.0

    def get(self) -> Store:
        """The store to read now."""
        with self._lock:
            now = time.monotonic()
            if self._store is None or now - self._checked > CHECK_EVERY:
                self._checked = now
                snap = store.latest_snapshot(self.directory)
                if self._store is None or (snap is not None and snap != self._snapshot):
                    self._store = store.open_for_reading(self.directory)
                    self._snapshot = snap
            return self._store
