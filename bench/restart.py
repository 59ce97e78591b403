"""The first requests after a restart, with and without the files kept beside the snapshot.

    python -m bench.restart STORE [OLD_CHECKOUT]     # e.g. a store grown by bench/bigstore.py

`kg serve --workers 1 --warm-after 0` (no warming: the first request is the researcher's) on
STORE, several times in one run:
  1. without the files (`snapshots/<n>.views.sqlite`, `<n>.answers.sqlite` removed): the first
     `/events` builds the view index, the first `/` and entity page run every query; this run
     writes the files;
  2. restarted with the files: the same first requests read them;
  3. restarted with the files and warming on (`--warm-after 1`), asked WARM_WAIT seconds later:
     what a researcher arriving after the worker warmed gets (the default, `--warm-after 10`);
  4. (with OLD_CHECKOUT, a `git archive` of an earlier commit) that code, which keeps nothing.
Each page is asked once (its first request), then REPEAT times (median). The entity page is
the one of the entity mentioned most. Also timed in-process: opening and checking the kept index.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bench import serving
from bench.views import pages, seconds
from server import snapshots
from server.viewindex import disk

REPEAT = 3
WARM_WAIT = 20.0  # seconds: a restarted worker reads the kept files in a few


def remove_files(store_dir: Path) -> None:
    """Remove every file kept beside the store's snapshots."""
    for path in (store_dir / "snapshots").glob("*.sqlite"):
        path.unlink()


def run(store_dir: Path, paths: tuple[str, ...], code: Path | None = None,
        warm: bool = False) -> dict[str, tuple]:
    """(first seconds, median seconds) of each path on a fresh `kg serve` (with `warm`, asked
    WARM_WAIT seconds after it starts, its worker having warmed meanwhile)."""
    extra = () if code else ("--warm-after", "1" if warm else "0")  # earlier code: no warming
    proc, base = serving.start_server(store_dir, 1, *extra, code=code)
    try:
        time.sleep(WARM_WAIT if warm else 0)
        first = {path: seconds(base + path) for path in paths}
        return {path: (first[path], statistics.median(seconds(base + path)
                                                      for _ in range(REPEAT))) for path in paths}
    finally:
        serving.stop_server(proc)


def load_seconds(store_dir: Path) -> float:
    """Seconds to open and check the kept view index (what a restarted worker pays for it)."""
    started = time.perf_counter()
    db = disk.load(store_dir, snapshots.current(store_dir))
    assert db is not None, "no index kept"
    db.close()
    return time.perf_counter() - started


def report(runs: dict[str, dict[str, tuple]], load: float) -> str:
    """The figures as Markdown: one column pair per run."""
    names = list(runs)
    lines = ["| page | " + " | ".join(f"{n}, first | {n}, median of {REPEAT}" for n in names) + " |",
             "|---|" + "---|---|" * len(names)]
    for path in next(iter(runs.values())):
        cells = [f"{runs[n][path][0]:.3f} | {runs[n][path][1]:.3f}" for n in names]
        lines.append(f"| `{path}` | " + " | ".join(cells) + " |")
    lines.append(f"\nOpening and checking the kept view index in-process: {load:.3f} s")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Measure and print the Markdown table."""
    args = sys.argv[1:] if argv is None else argv
    store_dir = Path(args[0]).resolve()
    home, entity = pages(store_dir)
    paths = ("/events", home, entity)
    remove_files(store_dir)
    runs = {"without the files": run(store_dir, paths)}
    runs["restarted, with the files"] = run(store_dir, paths)
    runs["restarted, with the files, warmed"] = run(store_dir, paths, warm=True)
    load = load_seconds(store_dir)
    if len(args) > 1:
        remove_files(store_dir)
        runs["earlier code"] = run(store_dir, paths, Path(args[1]).resolve())
    print(report(runs, load))


if __name__ == "__main__":
    main()
