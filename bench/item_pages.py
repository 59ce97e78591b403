"""An article page, an event page and a claim page over HTTP, this code against an earlier one.

    python -m bench.item_pages STORE OLD_CHECKOUT     # e.g. a store grown by bench/bigstore.py

For each checkout in turn (`kg serve --workers 1` on the same store, the earlier one run from
OLD_CHECKOUT, a `git archive` of it): /events first (it builds the view index an event page
reads for its tolls, so that build is timed apart), then each page once (answer cache empty)
and 7 times more (median). The pages are the article with most mentions, the event naming the
most mentioned entities, and the first claim; the HTML of both checkouts is compared.
"""

from __future__ import annotations

import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import serving
from kg import iris, sparql, store

REPEAT = 7
ARTICLE = """SELECT ?x (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?x a nkg:Article . ?e nkg:mention ?m } }
    GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"""
EVENT = """SELECT ?x (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?x nkg:evidence ?v ; ?p ?e .
    ?e nkg:mention ?m } FILTER(CONTAINS(STR(?x), "/event/")) } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"""
CLAIM = "SELECT ?x WHERE { GRAPH ?g { ?x a nkg:Claim ; nkg:evidence ?v } } ORDER BY ?x LIMIT 1"


def paths(store_dir: Path) -> list[str]:
    """The server paths of the three pages measured."""
    db = store.open_for_reading(store_dir)
    found = [next(iter(sparql.query(db, q)))["x"].value for q in (ARTICLE, EVENT, CLAIM)]
    return ["/id/" + iri.removeprefix(iris.ID) for iri in found]


def get(url: str) -> tuple[float, int, bytes]:
    """(seconds, status, body) of one GET."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as resp:
            body, status = resp.read(), resp.status
    except urllib.error.HTTPError as err:
        body, status = err.read(), err.code
    return time.perf_counter() - started, status, body


def measure(store_dir: Path, pages: list[str], code: Path | None) -> tuple[list[str], dict]:
    """Report lines and page bodies of one checkout (None: this one)."""
    proc, base = serving.start_server(store_dir, 1, code=code)
    lines, bodies = [], {}
    try:
        index, status, _ = get(base + "/events")
        lines.append(f"/events (view index build)\t{status}\t{index:.3f}")
        for path in pages:
            first, status, bodies[path] = get(base + path)
            median = statistics.median(get(base + path)[0] for _ in range(REPEAT))
            lines.append(f"{path}\t{status}\tfirst {first:.3f}\tmedian {median:.3f}")
    finally:
        serving.stop_server(proc)
    return lines, bodies


def main(argv: list[str] | None = None) -> None:
    store_dir, old = (Path(a) for a in (argv or sys.argv[1:]))
    pages = paths(store_dir)
    old_lines, old_bodies = measure(store_dir, pages, old)
    new_lines, new_bodies = measure(store_dir, pages, None)
    print("\n".join([f"old {x}" for x in old_lines] + [f"new {x}" for x in new_lines]))
    for path in pages:
        print(path, "same page" if old_bodies[path] == new_bodies[path] else "PAGES DIFFER")


if __name__ == "__main__":
    main()
