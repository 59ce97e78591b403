"""Article graphs to the store from one background thread, many articles to a write.

A build hands each article's graph and shared quads to `GraphWriter.put`; they are gathered
into batches of about `BATCH_QUADS` quads, and each batch is written with the incidents it
touches by `kg.bulk.write` (new graphs by bulk load, journalled; a batch rebuilding a graph
in one transaction). Few large writes cost much less than one small transaction per article.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from kg import bulk, incidents

BATCH_QUADS = 30_000  # quads gathered before a batch is written


class GraphWriter:
    """Writes article graphs from one background thread, in the order given, a batch at a time.

    The writes are in order, so each batch sees the incidents of the ones before. pyoxigraph
    releases the GIL while RocksDB writes, so the writes overlap the parsing and extraction of
    the next articles. At most `depth` batches wait; after a failed write nothing more is
    written and the error is raised by the next `put`, `finished` or `close`. With `depth` 0
    every batch is written inline, in `put` or `close`. `lock` is held while a batch is written:
    whoever takes it (a snapshot) sees the store between batches, never a bulk write half done.
    """

    def __init__(self, store: Store, directory: Path, depth: int = 2,
                 batch_quads: int = BATCH_QUADS) -> None:
        self.store, self.directory, self.depth, self.batch_quads = store, directory, depth, batch_quads
        self.lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer") if depth else None
        self._queue: deque[tuple[Future, int]] = deque()  # (write, articles in it)
        self._failed = threading.Event()
        self._memo = incidents.memo(store)  # what matching read, kept from write to write
        self._batch: dict[NamedNode, list[Quad]] = {}
        self._shared: list[Quad] = []
        self._size = 0

    def put(self, graph: NamedNode, quads: list[Quad], shared: list[Quad]) -> int:
        """Queue one article's graph and shared quads; how many articles were written since the last call."""
        if graph in self._batch:  # the same graph twice: the first goes in a write of its own
            done = self._submit()
        else:
            done = 0
        self._batch[graph] = quads
        self._shared += shared
        self._size += len(quads) + len(shared)
        if self._size >= self.batch_quads:
            done += self._submit()
        return done + self.finished()

    def finished(self) -> int:
        """How many articles queued writes have written since the last call, in order (raises a failed one's error)."""
        done = 0
        while self._queue and self._queue[0][0].done():
            future, n = self._queue.popleft()
            future.result()
            done += n
        return done

    def close(self) -> int:
        """Write what is gathered, wait for every queued write and stop the thread; how many articles were written since the last call."""
        done = 0
        try:
            done += self._submit()
            while self._queue:
                future, n = self._queue.popleft()
                future.result()
                done += n
        finally:
            self._failed.set()  # a write not yet started (after an error above) is skipped
            if self._pool is not None:
                self._pool.shutdown(wait=True)
        return done

    def _submit(self) -> int:
        """Hand the gathered batch to the thread (or write it inline); articles written meanwhile."""
        batch, shared, n = self._batch, self._shared, len(self._batch)
        self._batch, self._shared, self._size = {}, [], 0
        if not n:
            return 0
        if self._pool is None:
            self._write(batch, shared)
            return n
        done = 0
        while len(self._queue) >= self.depth:
            future, m = self._queue.popleft()
            future.result()
            done += m
        self._queue.append((self._pool.submit(self._write, batch, shared), n))
        return done

    def _write(self, batch: dict[NamedNode, list[Quad]], shared: list[Quad]) -> None:
        if self._failed.is_set():
            return
        try:
            with self.lock:
                bulk.write(self.store, self.directory, batch, shared, self._memo)
        except BaseException:
            self._failed.set()
            raise
