"""`kg build --engine dask`: one Dask task per partition of articles, each writing a shard.

The client reads and checks every input (as the embedded build does), leaves out articles
the store already holds unchanged, cuts the rest into partitions (kg.shards) and submits one
task per partition whose shard is not complete yet, a bounded number at a time, so a killed
run resumes where it stopped. Each task runs kg.shards.build_shard in a worker, where the model
is loaded once per worker process (kg.nlp.get_nlp's cache) and never sent with a task; a task
returns only its counts. The shards folder must be one every worker can write (a shared
file system on a cluster). With a store, the shards are loaded into it at the end (kg.load).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg import iris, store
from kg.model import Article
from kg.pipeline import Summary
from kg.shards import Counts, build_shard, is_complete, partitions, write_manifest

IN_FLIGHT_PER_THREAD = 2  # partitions submitted ahead of the workers, per worker thread


@dataclass
class Engine:
    """Where the tasks run: a scheduler's address, or a LocalCluster started here."""

    scheduler: str | None = None
    workers: int | None = None  # LocalCluster workers (default: one per core)
    processes: bool = True  # LocalCluster workers as processes (threads: for tests only)


@contextmanager
def dask_client(engine: Engine):
    """A distributed.Client on the scheduler, or on a LocalCluster that lives as long as it."""
    from distributed import Client, LocalCluster

    if engine.scheduler:
        with Client(engine.scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=engine.workers, threads_per_worker=1,
                      processes=engine.processes, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def fresh_articles(articles: list[Article], store_dir: Path | None) -> tuple[list[Article], int]:
    """The articles the store does not hold unchanged (all of them without a store), and how many it does."""
    if store_dir is None:
        return articles, 0
    db = store.open_store(store_dir)
    todo = [a for a in articles
            if not store.is_current(db, iris.article_graph(a.key), iris.article(a.key), a.checksum)]
    del db
    return todo, len(articles) - len(todo)


def run_tasks(client, todo: list[tuple[str, list[Article]]], shards: Path, online: bool,
              progress: Callable[[int], None] | None) -> list[Counts]:
    """Submit one task per partition, a bounded number ahead; their counts as they finish."""
    from distributed import as_completed

    ahead = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    queue = list(reversed(todo))

    def submit():
        name, part = queue.pop()
        return client.submit(build_shard, part, str(shards), name, online,
                             key=f"kg-shard-{name}", pure=False, retries=1)

    running = as_completed([submit() for _ in range(min(ahead, len(queue)))])
    done = []
    for future in running:
        counts = future.result()
        done.append(counts)
        if progress:
            progress(counts.articles)
        if queue:
            running.add(submit())
    return done


def build(articles: list[Article], shards: Path, store_dir: Path | None = None,
          engine: Engine | None = None, partition_size: int = 100, online: bool = False,
          progress: Callable[[int], None] | None = None) -> Summary:
    """Extract `articles` into shards under `shards` on Dask; load them into `store_dir` if given."""
    from kg.load import load_store

    started = time.perf_counter()
    shards = Path(shards)
    shards.mkdir(parents=True, exist_ok=True)
    todo, skipped = fresh_articles(articles, store_dir)
    parts = partitions(todo, partition_size)
    missing = [(n, p) for n, p in parts if not is_complete(shards, n)]
    if progress:
        progress(sum(len(p) for n, p in parts) - sum(len(p) for _, p in missing))
    if missing:
        with dask_client(engine or Engine()) as client:
            run_tasks(client, missing, shards, online, progress)
    write_manifest(shards, [n for n, _ in parts])
    summary = Summary(skipped=skipped)
    for name, _ in parts:
        add_counts(summary, Counts(**json.loads((shards / f"{name}.json").read_text())["counts"]))
    if store_dir is not None:
        loaded = load_store([shards / f"{n}.nq" for n, _ in parts], store_dir)
        summary.triples, summary.graphs = loaded.triples, loaded.graphs
    summary.seconds = time.perf_counter() - started
    return summary


def add_counts(summary: Summary, c: Counts) -> None:
    """Add one shard's counts to a build summary."""
    summary.articles += c.articles
    summary.triples += c.triples
    summary.entities += c.entities
    summary.events += c.events
    summary.claims += c.claims
