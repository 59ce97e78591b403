"""The merged default graph (kg/graphs.py): what it costs to write and what it saves at query time.

Both sides run in the same process on the same article graphs, so the ratios hold on a busy
machine:

- build: `kg build` of the same articles into a fresh store, with the old way of writing and
  with kg's (below);
- write: the articles written into a fresh store the old way (each graph alone, one
  `Store.extend` per article, as `replace_graph` wrote a new graph) and kg's way
  (`kg.graphs.write`: the graph and its triples in the default graph, one transaction); then
  every article replaced once, old way (`DROP GRAPH` + `INSERT DATA`) and kg's way;
- disk: the two stores' size on disk;
- query: the serving mix (bench/serving.py) and a count of all triples, on the old store with
  the union default graph (`use_default_graph_as_union=True`, which counts a triple once per
  graph holding it) and on kg's store with its real default graph;
- migration: `kg.graphs.merge_default` on the old store (a store from before is upgraded once).
"""

from __future__ import annotations

import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QueryResultsFormat, QuerySolutions, RdfFormat, Store

from bench import serving
from bench.scale import disk_bytes
from kg import graphs, pipeline, store
from kg.model import Article

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
QUERIES = 60  # of the serving mix at least, each kind in turn: ten of each


@dataclass
class Merged:
    """Seconds (and bytes) of the old union layout against kg's merged default graph."""

    articles: int = 0
    quads: int = 0
    write: dict[str, tuple[float, float]] = field(default_factory=dict)  # step -> (old, kg)
    disk: tuple[int, int] = (0, 0)
    queries: dict[str, tuple[float, float]] = field(default_factory=dict)  # kind -> medians
    merge_seconds: float = 0.0


def article_graphs(source: Path) -> dict[NamedNode, list[Quad]]:
    """Every named graph of a built store, with its quads."""
    db = store.open_for_reading(source)
    return {g: list(db.quads_for_pattern(None, None, None, g)) for g in db.named_graphs()}


def timed(fn, *args) -> float:
    """Wall seconds of one call."""
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def old_replace(db: Store, graph: NamedNode, quads: list[Quad]) -> None:
    """How replace_graph replaced an existing graph before the merged default graph."""
    body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    db.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body} .\n}} }}")


def union_write(db: Store, replace: dict | None = None, add=(), remove=()) -> None:
    """How kg wrote before the merged default graph: the named graphs alone (bench only)."""
    for q in remove:
        db.remove(q)
    for g, quads in (replace or {}).items():
        if graphs.is_empty(db, g):
            db.extend(Quad(q.subject, q.predicate, q.object, g) for q in quads)
        else:
            old_replace(db, g, quads)
    db.extend(add)


def builds(articles: list[Article], work: Path) -> tuple[float, float]:
    """Wall seconds of `kg build` of the same articles: the old layout's writes, then kg's."""
    out = []
    for n, write in enumerate((union_write, graphs.write)):
        saved, graphs.write = graphs.write, write
        try:
            started = time.perf_counter()
            pipeline.build([], work / f"build{n}", articles=articles)
            out.append(time.perf_counter() - started)
        finally:
            graphs.write = saved
    return out[0], out[1]


def writes(by_graph: dict[NamedNode, list[Quad]], old: Store, new: Store) -> dict:
    """Write then replace every graph, both ways, alternating so that load hits both alike."""
    out = {"write new graphs": [0.0, 0.0], "replace graphs": [0.0, 0.0]}
    for g, quads in by_graph.items():
        out["write new graphs"][0] += timed(old.extend, quads)
        out["write new graphs"][1] += timed(graphs.write, new, {g: quads})
    for g, quads in by_graph.items():
        out["replace graphs"][0] += timed(old_replace, old, g, quads)
        out["replace graphs"][1] += timed(graphs.write, new, {g: quads})
    return {k: (v[0], v[1]) for k, v in out.items()}


def answer(db: Store, query: str, union: bool) -> None:
    """Run and serialise a query as the endpoint does."""
    results = db.query(query, use_default_graph_as_union=union)
    if isinstance(results, QuerySolutions):
        results.serialize(format=QueryResultsFormat.JSON)
    else:
        results.serialize(format=RdfFormat.TURTLE)


def query_costs(old: Store, new: Store, n: int) -> dict[str, tuple[float, float]]:
    """Median seconds per query kind: old store with the union flag, kg's store without."""
    work = [("count all triples", COUNT)] * max(3, n // 10) + serving.requests(new, n)
    times: dict[str, tuple[list[float], list[float]]] = {}
    for kind, q in work:
        answer(old, q, True)  # warm both once
        answer(new, q, False)
        pair = times.setdefault(kind, ([], []))
        pair[0].append(timed(answer, old, q, True))
        pair[1].append(timed(answer, new, q, False))
    return {k: (statistics.median(a), statistics.median(b)) for k, (a, b) in times.items()}


def run(source: Path, work: Path, n_queries: int, articles: list[Article]) -> Merged:
    """Both layouts from the store built in `source`, and builds of `articles`, in `work`."""
    by_graph = article_graphs(source)
    out = Merged(articles=sum("/graph/article/" in g.value for g in by_graph),
                 quads=sum(len(q) for q in by_graph.values()))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    old, new = Store(str(work / "old")), Store(str(work / "new"))
    out.write = {"kg build (wall)": builds(articles, work), **writes(by_graph, old, new)}
    old.flush()
    new.flush()
    out.disk = (disk_bytes(work / "old"), disk_bytes(work / "new"))
    out.queries = query_costs(old, new, max(QUERIES, n_queries))
    out.merge_seconds = timed(graphs.merge_default, old)
    del old, new
    shutil.rmtree(work, ignore_errors=True)
    return out
