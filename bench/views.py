"""The browsing views on a large store: building the view index, then answering from it.

    python -m bench.views --articles 10000          # ~10,000 articles (copies of a built store)

Builds `--base` generated articles with `kg build`, grows the store to `--articles` articles
with bench/bigstore.py (copies with their own IRIs), then measures, in the same run:
  - the view index build in-process (server/viewindex/load.py) against bare pyoxigraph running
    the same extraction queries and serialising their answers as SPARQL JSON (its floor);
  - over HTTP (`kg serve --workers 1`): the first /events (which builds the index), the first
    request of the home page and of the page of the entity mentioned most (answer cache empty),
    and the median of repeated requests of those pages, each view and data twin (after one
    request of each), against one SPARQL aggregate over
    the same store through /sparql (events per class: what a single facet costs without the
    index).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from pyoxigraph import QueryResultsFormat

from bench import bigstore, corpus, serving
from kg import iris, pipeline, sparql, store
from kg.vocab import PREFIXES, sparql_prefixes
from server.viewindex.load import build, query_text

EXTRACTION = ("classes", "articles", "events", "entities", "roles", "claims", "parents", "points",
              "entity_classes", "names", "evidence")
VIEWS = ("/events", "/events.json?class=nkg:Killing&place=Syria", "/events.csv?class=nkg:Attack",
         "/map.geojson", "/timeline.json", "/search.json?q=killed", "/search.json?q=dam&complete=1",
         "/events?party=Islamic+State&from=2020")
AGGREGATE = ("SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e nkg:trigger ?t ; a ?c . "
             "?c rdfs:subClassOf* nkg:Event } GROUP BY ?c")
REPEAT = 7


def grown_store(work: Path, base: int, articles: int) -> tuple[Path, int]:
    """A store of about `articles` articles: `base` built ones, copied; (its dir, articles)."""
    built = work / "base"
    pipeline.build([], built, articles=corpus.generate(base, with_seeds=False))
    db = store.open_for_reading(built)
    quads = sum(1 for _ in store.named_quads(db))  # not the merged default graph's copies
    del db
    target = work / "big"
    per_article = max(1, quads // base)
    bigstore.grow(built, target, per_article * articles)
    db = store.open_for_reading(target)
    n = sum(1 for g in db.named_graphs() if "/graph/article/" in g.value)
    del db
    return target, n


def index_build(store_dir: Path) -> tuple[float, float]:
    """(seconds to build the index in-process, seconds of bare pyoxigraph for its queries)."""
    db = store.open_for_reading(store_dir)

    def run(query: str) -> list[dict]:  # as server/worker.py's run_select answers
        answer = sparql.query(db, query)  # the store's default graph: the merge of its graphs
        names = [v.value for v in answer.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in answer]

    started = time.perf_counter()
    for name in EXTRACTION:
        db.query(query_text(name), prefixes=PREFIXES).serialize(format=QueryResultsFormat.JSON)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    build(run)
    return time.perf_counter() - started, bare


FAILED: dict[str, int] = {}  # URL -> the HTTP status of its last failed request


def seconds(url: str) -> float:
    """Seconds for one GET, body read in full (a non-200 answer is noted in FAILED)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as resp:
            resp.read()
    except urllib.error.HTTPError as err:
        FAILED[url] = err.code
    return time.perf_counter() - started


def pages(store_dir: Path) -> tuple[str, ...]:
    """The home page and the page of the entity mentioned most (the largest entity page)."""
    db = store.open_for_reading(store_dir)
    row = next(iter(sparql.query(db, "SELECT ?e (COUNT(?m) AS ?n) WHERE { ?e nkg:mention ?m } "
                                     "GROUP BY ?e ORDER BY DESC(?n) LIMIT 1")))
    return "/", "/id/" + row["e"].value.removeprefix(iris.ID)


FIRST: dict[str, float] = {}  # path -> seconds of its first request (caches still empty)


def over_http(store_dir: Path) -> tuple[float, dict[str, float], float]:
    """(first /events, median seconds per view, median seconds of the SPARQL aggregate)."""
    more = pages(store_dir)
    proc, base = serving.start_server(store_dir, workers=1)
    try:
        first = seconds(base + "/events")
        for path in more:
            FIRST[path] = seconds(base + path)  # fills the caches the next requests read
        medians = {path: statistics.median(seconds(base + path) for _ in range(REPEAT))
                   for path in (*more, *VIEWS)}
        sparql = base + "/sparql?" + urllib.parse.urlencode(
            {"query": sparql_prefixes() + AGGREGATE})
        aggregate = statistics.median(seconds(sparql) for _ in range(REPEAT))
    finally:
        serving.stop_server(proc)
    return first, medians, aggregate


def report(n: int, quads: int, built: tuple[float, float], http: tuple) -> str:
    """The figures as Markdown."""
    (index, bare), (first, medians, aggregate) = built, http
    lines = [f"# Views on {n:,} articles ({quads:,} triples)", "",
             "| what | seconds | against | ratio |", "|---|---|---|---|",
             (f"| view index build, in-process | {index:.2f} | bare pyoxigraph, same queries "
              f"{bare:.2f} s | {index / bare:.2f} |"),
             f"| first `/events` over HTTP (builds the index) | {first:.2f} | | |"]
    lines += [f"| first `{path}` (fills the answer cache) | {s:.3f} | | |" for path, s in FIRST.items()]
    for path, s in medians.items():
        failed = next((f" (HTTP {c})" for u, c in FAILED.items() if u.endswith(path)), "")
        lines.append(f"| `{path}` (median of {REPEAT}){failed} | {s:.3f} | one SPARQL aggregate "
                     f"{aggregate:.3f} s | {s / aggregate:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Grow a store, measure, print the Markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.views", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=200, help="articles built with kg build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-views-") as tmp:
        target, n = grown_store(Path(tmp), args.base, args.articles)
        db = store.open_for_reading(target)
        quads = len(db)
        del db
        print(f"store: {n:,} articles, {quads:,} triples", file=sys.stderr, flush=True)
        print(report(n, quads, index_build(target), over_http(target)))


if __name__ == "__main__":
    main()
