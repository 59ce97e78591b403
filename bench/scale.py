"""Scale curve: build time per article, store size on disk and query latency as the store grows.

The store grows by incremental builds into one directory (steps of the same corpus), so the
figures at N articles are those of adding articles to a store that already holds the earlier ones.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench import serving
from kg import pipeline, store
from kg.model import Article
from kg.nlp import get_nlp


@dataclass
class Step:
    """The store after building its first `articles` articles."""

    articles: int
    quads: int
    seconds_per_article: float
    db_bytes: int
    query_median: float
    query_p99: float


def disk_bytes(directory: Path) -> int:
    """Bytes in the files under `directory`."""
    return sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())


def query_latency(store_dir: Path, n: int) -> tuple[float, float]:
    """Median and 99th percentile, in seconds, of `n` queries of the mix, in-process."""
    db = store.open_for_reading(store_dir)
    work = serving.requests(db, n)
    for _, q in work[:len(serving.QUERIES)]:
        serving.run_local(db, q)
    seconds = []
    for _, q in work:
        started = time.perf_counter()
        serving.run_local(db, q)
        seconds.append(time.perf_counter() - started)
    del db
    return statistics.median(seconds), serving.p99(seconds)


def run(articles: list[Article], steps: list[int], store_dir: Path, queries: int = 30) -> list[Step]:
    """Build `articles` into `store_dir` in steps, measuring after each."""
    list(get_nlp().pipe(["Warm up."]))
    out: list[Step] = []
    done = 0
    for size in steps:
        batch = articles[done:size]
        started = time.perf_counter()
        pipeline.build([], store_dir, articles=batch)
        seconds = time.perf_counter() - started
        done = size
        db = store.open_for_reading(store_dir)
        quads = len(db) - store.count(db)  # the named graphs' quads (not their merge)
        del db
        median, tail = query_latency(store_dir, queries)
        out.append(Step(size, quads, seconds / max(1, len(batch)),
                        disk_bytes(store_dir / "db"), median, tail))
    return out

