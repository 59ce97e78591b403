"""Incidents (kg/incidents): what keeping them costs an article write, as the store grows.

Articles are extracted once (bench/corpus.py, through kg's pipeline); the store is then grown with
renamed copies of them (bench/bigstore.py's renaming) whose dates move on by 29 days a copy, so a
bigger store holds more months rather than more reports per place and day, as an archive grows.
At each size the incidents are rebuilt (`kg incidents --rebuild`, timed), then fresh copies are
written one at a time, alternating the two ways in the same process: `kg.graphs.write` (the article
graph alone) and `kg.incidents.write` (the article graph and its incidents, one transaction).
The ratio is what incidents add to a write; that it stays flat from 1,000 to 10,000 articles is
what blocking by place and day buys.

    python -m bench.incidents --sizes 1000,3000,10000 --articles 200 --probe 30 [--out FILE]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from bench import bigstore, corpus
from kg import graphs, incidents, iris, pipeline, store
from kg.vocab import DCT, NKG, XSD

SHIFT_DAYS = 29  # a copy's dates move on by this much times its number
DATED = (NKG.time, DCT.issued, NKG.latestTime)


def extracted(n: int, work: Path) -> tuple[dict[NamedNode, list[Quad]], list[Quad]]:
    """`n` corpus articles built by kg: their article graphs, and the shared Wikidata quads."""
    pipeline.build([], work / "source", articles=corpus.generate(n, with_seeds=False))
    db = store.open_for_reading(work / "source")
    by_graph: dict[NamedNode, list[Quad]] = {}
    for q in bigstore.article_quads(db):
        by_graph.setdefault(q.graph_name, []).append(q)
    shared = list(db.quads_for_pattern(None, None, None, iris.WIKIDATA_GRAPH))
    return by_graph, shared


def shifted(term, days: int):
    """A date literal `days` later (other terms unchanged)."""
    if isinstance(term, Literal) and term.datatype == XSD.date and days:
        try:
            return Literal((date.fromisoformat(term.value) + timedelta(days=days)).isoformat(),
                           datatype=XSD.date)
        except ValueError:
            return term
    return term


def copy_of(quads: list[Quad], copy: int, moved: int) -> tuple[NamedNode, list[Quad]]:
    """One article graph renamed for `copy`, its dates moved on `moved` times; with its name."""
    days = moved * SHIFT_DAYS
    out = [Quad(bigstore.renamed(q.subject, copy), q.predicate,
                shifted(bigstore.renamed(q.object, copy), days) if q.predicate in DATED
                else bigstore.renamed(q.object, copy), bigstore.renamed(q.graph_name, copy))
           for q in quads]
    return out[0].graph_name, out


def grow(db: Store, source: list[list[Quad]], start: int, stop: int) -> None:
    """Articles number `start` to `stop` (copies of the source articles), bulk-loaded."""
    batch: list[Quad] = []
    for n in range(start, stop):
        _, quads = copy_of(source[n % len(source)], n // len(source), n // len(source))
        batch += [*quads, *(Quad(q.subject, q.predicate, q.object) for q in quads)]
        if len(batch) >= bigstore.BATCH:
            db.bulk_extend(batch)
            batch = []
    db.bulk_extend(batch)


def probe(db: Store, source: list[list[Quad]], shared: list[Quad], first: int, n: int,
          size: int) -> tuple[list[float], list[float]]:
    """Seconds per article written the plain way and with incidents, alternating: new copies
    (numbered from `first`) dated among the store's own months."""
    plain, kept = [], []
    for k in range(n):
        moved = (k * 7) % max(1, size // len(source))
        for way, times in ((graphs.write, plain), (incidents.write, kept)):
            copy = first + 2 * k + (way is incidents.write)
            graph, quads = copy_of(source[k % len(source)], copy, moved)
            started = time.perf_counter()
            way(db, {graph: quads}, shared)
            times.append(time.perf_counter() - started)
    return plain, kept


def run(sizes: list[int], articles: int, probes: int, work: Path) -> list[dict]:
    """One row per store size: rebuild seconds, median write seconds both ways, their ratio."""
    by_graph, shared = extracted(articles, work)
    source = [by_graph[g] for g in sorted(by_graph, key=lambda g: g.value)]
    db = store.open_store(work / "big")
    db.bulk_extend([*shared, *(Quad(q.subject, q.predicate, q.object) for q in shared)])
    rows, have, spare = [], 0, 10 ** 6  # probe copies are numbered far past the grown ones
    for size in sizes:
        grow(db, source, have, size)
        have = size
        started = time.perf_counter()
        summary = incidents.rebuild(db)
        rebuilt = time.perf_counter() - started
        plain, kept = probe(db, source, shared, spare, probes, size)
        spare += 2 * probes
        p, k = statistics.median(plain), statistics.median(kept)
        rows.append({"articles": size, "reports": summary.reports, "incidents": summary.incidents,
                     "rebuild s": round(rebuilt, 1), "write ms": round(p * 1000, 1),
                     "write with incidents ms": round(k * 1000, 1), "ratio": round(k / p, 2)})
    return rows


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Run the measurement and print (or write) the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.incidents", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,3000,10000",
                        help="Store sizes in articles, comma-separated, increasing.")
    parser.add_argument("--articles", type=int, default=200, help="Articles extracted to copy.")
    parser.add_argument("--probe", type=int, default=30, help="Articles written each way per size.")
    parser.add_argument("--out", type=Path, help="Also write the table here.")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        text = table(run(sizes, args.articles, args.probe, Path(tmp)))
    print(text, end="")
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
