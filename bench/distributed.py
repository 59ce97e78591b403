"""Distributed build and loaders: `kg build --engine dask` against the embedded build, same texts.

    .venv/bin/python -m bench.distributed 300          # ~5 min on a quiet 2-core machine

Every figure is a wall time of the real command (`kg build`, `kg load`) on one generated corpus
(bench/corpus.py), the embedded build first as the baseline; the ratio is what docs/SCALE.md
quotes. Worker memory is the resident size of a LocalCluster worker process after one task
(model, lexicons and gazetteer loaded). Virtuoso is measured where `virtuoso-t` is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import generate

KG = [sys.executable, "-m", "kg"]


def timed(cmd: list[str]) -> float:
    """Seconds one command takes (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def write_corpus(n: int, path: Path) -> None:
    """`n` articles as JSONL."""
    with path.open("w") as out:
        for a in generate(n):
            out.write(json.dumps({"text": a.text, "title": a.title, "url": a.url, "date": a.date,
                                  "source": a.publisher}) + "\n")


def quads_in(shards: Path) -> int:
    """Lines (quads) in a folder's shards."""
    return sum(sum(1 for _ in p.open("rb")) for p in shards.glob("*.nq"))


def worker_memory_mib() -> float:
    """Resident MiB of a LocalCluster worker process once it has built one shard."""
    from distributed import Client, LocalCluster

    from kg.config import SEEDS_DIR
    from kg.read import read_all
    from kg.shards import build_shard

    def rss() -> int:
        import psutil

        return psutil.Process().memory_info().rss

    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.submit(build_shard, read_all([str(SEEDS_DIR)])[:2], tmp, "probe").result()
        return max(client.run(rss).values()) / 2**20


def virtuoso_seconds(shards: Path, tmp: Path) -> float | None:
    """Seconds `kg load --virtuoso` takes into a fresh Virtuoso, or None if it is not installed."""
    if shutil.which("virtuoso-t") is None:
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_distributed import virtuoso

    files = tmp / "vload"
    with virtuoso(tmp, files) as (_, address):
        return timed([*KG, "load", str(shards), "--virtuoso", str(files), "--address", address])


def main(argv: list[str] | None = None) -> None:
    """Print the distributed build's and the loaders' figures as a Markdown table."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--partition-size", type=int, default=25)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus = tmp / "corpus.jsonl"
        write_corpus(args.n, corpus)
        dask = [*KG, "build", str(corpus), "-q", "--engine", "dask",
                "--partition-size", str(args.partition_size)]
        embedded = timed([*KG, "build", str(corpus), "-q", "--store", str(tmp / "embedded")])
        two = timed([*dask, "--workers", "2", "--shards", str(tmp / "s2"),
                     "--store", str(tmp / "dask")])
        one = timed([*dask, "--workers", "1", "--shards", str(tmp / "s1")])
        quads = quads_in(tmp / "s2")
        load = timed([*KG, "load", str(tmp / "s2"), "--store", str(tmp / "loaded")])
        virtuoso = virtuoso_seconds(tmp / "s2", tmp)
        memory = worker_memory_mib()
    rows = [("embedded build (baseline)", f"{embedded:.1f} s", f"{args.n / embedded:.2f} articles/s"),
            ("dask, LocalCluster 2 workers, + load", f"{two:.1f} s", f"{two / embedded:.2f}x embedded"),
            ("dask, 1 worker, shards only", f"{one:.1f} s", f"{args.n / one:.2f} articles/s"),
            ("kg load --store (Oxigraph)", f"{load:.1f} s", f"{quads / load:,.0f} quads/s"),
            ("kg load --virtuoso", "not installed" if virtuoso is None else f"{virtuoso:.1f} s",
             "" if virtuoso is None else f"{quads / virtuoso:,.0f} quads/s"),
            ("worker memory (RSS after a task)", f"{memory:.0f} MiB", "")]
    print(f"{args.n} articles, {quads:,} quads, partitions of {args.partition_size}\n")
    print("| what | time | rate |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
