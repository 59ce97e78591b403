"""Run every benchmark and write one Markdown report (also printed).

Example: python -m bench.run --size small --out bench/results/report.md
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import bigstore, corpus, export, ingest, merged, report, scale, serving


@dataclass(frozen=True)
class Size:
    """How much work one size does."""

    ingest: int  # articles through spaCy and through kg build
    steps: tuple[int, ...]  # articles in the store at each point of the scale curve
    exports: tuple[int, ...]  # minimum triples of the stores exported
    requests: int  # HTTP requests of the serving run (the last export store is served)
    scale_queries: int  # in-process queries at each scale step


SIZES = {
    "tiny": Size(5, (2, 5), (5_000, 10_000), 12, 6),
    "small": Size(50, (20, 50, 100), (100_000, 200_000), 120, 24),
    "medium": Size(300, (100, 300, 1_000), (500_000, 1_000_000), 300, 60),
    "large": Size(1_000, (100, 1_000, 10_000), (1_000_000, 2_000_000), 600, 60),
}


def machine() -> str:
    """One line on where the figures come from."""
    import pyoxigraph
    import spacy

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{platform.machine()} {platform.system()}, {cpus} CPUs, load average {load} at the end; "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
            f"pyoxigraph {pyoxigraph.__version__}")


def run(size_name: str, work: Path, log=print) -> str:
    """Every benchmark at one size, in `work`; the report as Markdown."""
    size = SIZES[size_name]
    started = time.perf_counter()
    arts = corpus.generate(max(size.ingest, max(size.steps)))
    log(f"ingest: {size.ingest} articles")
    ing = ingest.run(arts[:size.ingest], corpus.words(arts[:size.ingest]))
    log(f"scale: {size.steps}")
    steps = scale.run(arts, list(size.steps), work / "scale", size.scale_queries)
    exports = []
    for n in size.exports:
        log(f"export: growing a store to {n:,} triples")
        bigstore.grow(work / "scale", work / "big", n)
        exports.append(export.run(work / "big", work))
    log("merged default graph: writes and queries against the union layout")
    merge = merged.run(work / "scale", work / "merged", size.scale_queries, arts[:size.ingest])
    log(f"serving: {size.requests} requests")
    timings, rps, qps = serving.run(work / "big", size.requests)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n\n".join([
        f"# kg benchmarks ({size_name})",
        f"Run {stamp} in {time.perf_counter() - started:.0f} s on {machine()}.",
        "## Ingest", report.ingest_table(ing),
        "## Where the build's time goes", report.stages_table(ing),
        (f"## Serving /sparql ({exports[-1].quads:,} triples, kg serve --workers 2, "
         f"{serving.CLIENTS} clients)"), report.serving_table(timings, rps, qps),
        "## Export (Turtle)", report.export_table(exports),
        "## Scale", report.scale_table(steps),
        (f"## Merged default graph ({merge.articles} articles, {merge.quads:,} quads in named "
         "graphs)"), report.merged_table(merge),
    ]) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Parse options, run, print and write the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--out", type=Path, default=Path("bench/results/report.md"))
    parser.add_argument("--quiet", action="store_true", help="No progress lines on stderr.")
    args = parser.parse_args(argv)
    log = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        text = run(args.size, Path(tmp), log)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
