"""Every saved query on one store, this checkout's queries/ against an earlier checkout's.

    python -m bench.saved_queries STORE --against OLD_QUERIES_DIR [--repeat 2] [--only a,b]

Both sets of `.rq` files run in this process on the same store (its latest snapshot, read as
`kg query --saved` reads it), each with its default parameters, through `kg.queries.run_saved`,
every row read. The old and new versions of a query run one after the other, so both meet the
same load; with --repeat N each is run N times and the fastest kept (noise only ever adds time).
CPU seconds (this process, every thread) are shown too: on a busy machine they move far less than
wall seconds.
"Rows equal": the two answers hold the same rows (SELECT: the same multiset of rows; CONSTRUCT:
the same set of triples). Queries calling a SERVICE are left out (they would call the network).
Prints a Markdown table: query, old s, new s, ratio (old / new), the same in CPU seconds,
rows, rows equal.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import QuerySolutions, Store

from kg.config import QUERIES_DIR
from kg.queries import SavedQuery, load_queries, run_saved
from kg.store import open_for_reading


def answer(results) -> list[tuple]:
    """A comparable form of a result: SELECT rows or CONSTRUCT triples, as sorted tuples."""
    if isinstance(results, QuerySolutions):
        names = [v.value for v in results.variables]
        return sorted(tuple(str(row[n]) if row[n] is not None else "" for n in names)
                      for row in results)
    return sorted({(str(t.subject), str(t.predicate), str(t.object)) for t in results})


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, list[tuple]]:
    """The fastest of `repeat` runs (every row read) in wall and CPU seconds, the last answer."""
    wall, cpu, rows = float("inf"), float("inf"), []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        rows = answer(run())
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    return wall, cpu, rows


def compare(db: Store, old: SavedQuery | None, new: SavedQuery, repeat: int) -> dict:
    """Old and new timings of one query with its defaults, and whether their rows agree."""
    new_s, new_cpu, new_rows = timed(lambda: run_saved(db, new, {}), repeat)
    out = {"name": new.name, "old": None, "new": new_s, "old_cpu": None, "new_cpu": new_cpu,
           "rows": len(new_rows), "equal": None}
    if old is not None:
        out["old"], out["old_cpu"], old_rows = timed(lambda: run_saved(db, old, {}), repeat)
        out["equal"] = old_rows == new_rows
    return out


def table(results: list[dict]) -> str:
    """The Markdown table of the comparisons."""
    head = "| query | old s | new s | ratio | old CPU s | new CPU s | CPU ratio | rows | rows equal |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        cells = [r["name"]]
        for old, new in ((r["old"], r["new"]), (r["old_cpu"], r["new_cpu"])):
            cells += ["" if old is None else f"{old:.3f}", f"{new:.3f}",
                      "" if old is None else f"{old / max(new, 1e-6):.1f}x"]
        cells += [str(r["rows"]), {None: "(new)", True: "yes", False: "**no**"}[r["equal"]]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--against", type=Path, required=True,
                        help="an earlier checkout's queries/ directory")
    parser.add_argument("--queries", type=Path, default=QUERIES_DIR,
                        help="the new queries (default: this checkout's queries/)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated query names")
    args = parser.parse_args(argv)
    db = open_for_reading(args.store)
    new, old = load_queries(args.queries), load_queries(args.against)
    only = {n for n in args.only.split(",") if n}
    results = []
    for name, query in new.items():
        if query.services or (only and name not in only):
            continue
        results.append(compare(db, old.get(name), query, args.repeat))
        print(results[-1], file=sys.stderr, flush=True)
    print(table(results))


if __name__ == "__main__":
    main()
