"""Serving: /sparql over HTTP (`kg serve`, 2 workers, 4 clients) against pyoxigraph in-process."""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import QueryResultsFormat, QuerySolutions, RdfFormat, Store

from kg import store

PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
# {e}: an entity IRI, {g}: an article graph IRI, {w}: a word from a place label
QUERIES: dict[str, str] = {
    "entity lookup": "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}",
    "two-hop join": ("SELECT DISTINCT ?article ?title WHERE {{ <{e}> nkg:mention ?m . "
                     "?m nif:referenceContext ?ctx . ?article nkg:hasContext ?ctx ; dct:title ?title }} "
                     "LIMIT 100"),
    "aggregate": ("SELECT ?cls (COUNT(?ev) AS ?n) WHERE {{ ?ev nkg:article ?a ; a ?cls }} "
                  "GROUP BY ?cls ORDER BY DESC(?n)"),
    "text filter": ("SELECT ?ev ?text WHERE {{ ?ev nkg:evidence ?text "
                    "FILTER(CONTAINS(LCASE(?text), \"{w}\")) }} LIMIT 20"),
    "text regex": ("SELECT ?e ?label WHERE {{ ?e rdfs:label ?label "
                   "FILTER(REGEX(?label, \"^{w}\", \"i\")) }} LIMIT 20"),
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}",
}
ACCEPT = {True: "text/turtle", False: "application/sparql-results+json"}
CLIENTS = 4


@dataclass
class Timing:
    """Latencies (seconds) of one query kind, over HTTP and in-process."""

    kind: str
    http: list[float]
    local: list[float]


def median(xs: list[float]) -> float:
    """The median, 0 for no values."""
    return statistics.median(xs) if xs else 0.0


def p99(xs: list[float]) -> float:
    """The 99th percentile (inclusive method), the value itself for one value."""
    if len(xs) < 2:
        return xs[0] if xs else 0.0
    return statistics.quantiles(xs, n=100, method="inclusive")[98]


def pools(db: Store) -> dict[str, list[str]]:
    """Entities, article graphs and label words to fill the query templates with."""
    ents = [str(r["e"].value) for r in db.query(
        PREFIXES + "SELECT DISTINCT ?e WHERE { ?e nkg:mention ?m } LIMIT 300")]
    graphs = [g.value for g in db.named_graphs() if "/graph/article/" in g.value][:300]
    labels = [str(r["l"].value) for r in db.query(
        PREFIXES + "SELECT DISTINCT ?l WHERE { ?e a nkg:Place ; rdfs:label ?l } LIMIT 100")]
    words = sorted({w.lower() for lab in labels for w in lab.split() if w.isalpha() and len(w) > 3})
    return {"e": ents or ["https://w3id.org/newskg/id/none"], "g": graphs or ["urn:x"],
            "w": words or ["syria"]}


def requests(db: Store, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """`n` (kind, query) pairs, the kinds in turn, parameters drawn with a fixed seed."""
    rng = random.Random(seed)
    found = pools(db)
    kinds = list(QUERIES)
    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        values = {k: rng.choice(v) for k, v in found.items()}
        out.append((kind, PREFIXES + QUERIES[kind].format(**values)))
    return out


def run_local(db: Store, query: str) -> bytes:
    """Answer a query in-process and serialise it as the server would."""
    results = db.query(query)  # the store's default graph, as the endpoint reads it
    if isinstance(results, QuerySolutions):
        return results.serialize(format=QueryResultsFormat.JSON)
    return results.serialize(format=RdfFormat.TURTLE)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store_dir: Path, workers: int = 2, *extra: str,
                 code: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`kg serve` (with `extra` options) as a subprocess on 127.0.0.1; returns it and its base
    URL once it answers. `code`: another checkout of kg to run it from (an earlier commit)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(Path(store_dir).resolve()),
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=code,
        env={**os.environ, **({"PYTHONPATH": str(code)} if code else {})})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("kg serve exited") from None
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("kg serve did not come up")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server and wait for it."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def fetch(base: str, kind: str, query: str) -> float:
    """Seconds for one GET /sparql, body read in full; fails on a non-200 answer."""
    req = urllib.request.Request(base + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": ACCEPT[kind == "construct"]})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as resp:
        resp.read()
    return time.perf_counter() - started


def run(store_dir: Path, n: int) -> tuple[list[Timing], float, float]:
    """Per-kind latencies, HTTP requests/s (4 clients) and in-process queries/s (1 thread)."""
    db = store.open_for_reading(store_dir)
    work = requests(db, n)
    for kind, q in work[:len(QUERIES)]:
        run_local(db, q)  # warm caches as the HTTP warm-up below does
    local: dict[str, list[float]] = {k: [] for k in QUERIES}
    started = time.perf_counter()
    for kind, q in work:
        t = time.perf_counter()
        run_local(db, q)
        local[kind].append(time.perf_counter() - t)
    local_qps = len(work) / (time.perf_counter() - started)
    del db
    proc, base = start_server(store_dir)
    try:
        for kind, q in work[:len(QUERIES)] * 2:  # both workers
            fetch(base, kind, q)
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            seconds = list(pool.map(lambda kq: fetch(base, *kq), work))
        http_rps = len(work) / (time.perf_counter() - started)
    finally:
        stop_server(proc)
    http: dict[str, list[float]] = {k: [] for k in QUERIES}
    for (kind, _), s in zip(work, seconds):
        http[kind].append(s)
    return [Timing(k, http[k], local[k]) for k in QUERIES], http_rps, local_qps
