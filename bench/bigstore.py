"""Large stores made fast: copies of a built store's article graphs under new article IRIs.

Every IRI under .../id/article/<id> and .../graph/article/<id> gets a copy suffix, so each copy
is a distinct article with its own events, claims and spans, while shared entities (places,
actors, Wikidata items) stay shared across copies, as in a real store. Literals stay as they were.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from kg import iris, store

ARTICLE_PREFIXES = (iris.ID + "article/", iris.GRAPH + "article/")
BATCH = 50_000


def article_quads(db: Store) -> list[Quad]:
    """The quads of every article graph (not the ontology or Wikidata graphs)."""
    return [q for g in db.named_graphs()
            if isinstance(g, NamedNode) and g.value.startswith(ARTICLE_PREFIXES[1])
            for q in db.quads_for_pattern(None, None, None, g)]


def renamed(term, copy: int):
    """The term with its article id made unique to `copy` (other terms unchanged)."""
    if isinstance(term, NamedNode) and term.value.startswith(ARTICLE_PREFIXES):
        prefix = next(p for p in ARTICLE_PREFIXES if term.value.startswith(p))
        rest = term.value[len(prefix):]
        cut = next((i for i, ch in enumerate(rest) if ch in "/#"), len(rest))
        return NamedNode(f"{prefix}{rest[:cut]}c{copy}{rest[cut:]}")
    return term


def copies(quads: list[Quad], n: int) -> Iterator[Quad]:
    """`n` renamed copies of `quads` (copy 0 is the original)."""
    for c in range(n):
        if c == 0:
            yield from quads
            continue
        for q in quads:
            yield Quad(renamed(q.subject, c), q.predicate, renamed(q.object, c),
                       renamed(q.graph_name, c))


def whole_graphs(quads: list[Quad], enough: int) -> list[Quad]:
    """The quads of the first article graphs that reach `enough` quads (all, if they never do).

    A source store already bigger than asked (the 10,000-article scale store) then still gives
    stores of the sizes asked for, made of whole articles.
    """
    if len(quads) <= enough:
        return quads
    by_graph: dict[NamedNode, list[Quad]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q)
    out: list[Quad] = []
    for graph_quads in by_graph.values():
        if len(out) >= enough:
            break
        out.extend(graph_quads)
    return out


def grow(source: Path, target: Path, min_triples: int) -> int:
    """A store in `target` holding at least `min_triples` quads, copied from the store in `source`.

    The default graph is filled as kg keeps it (the merge of the named graphs), by bulk loads
    rather than kg.graphs.write: this makes a store to read, fast. Publishes a snapshot so that
    `kg serve` and `kg export` read it. Returns its count of quads in named graphs.
    """
    src = store.open_for_reading(source)
    base = article_quads(src)
    other = [q for q in store.named_quads(src)
             if not q.graph_name.value.startswith(ARTICLE_PREFIXES[1])]
    del src
    base = whole_graphs(base, min_triples - len(other))
    n = max(1, -(-(min_triples - len(other)) // max(1, len(base))))
    if target.exists():
        shutil.rmtree(target)
    db = store.open_store(target)
    db.bulk_extend(other + [Quad(q.subject, q.predicate, q.object) for q in other])
    batch: list[Quad] = []
    for q in copies(base, n):  # each quad, and its triple in the merged default graph
        batch += [q, Quad(q.subject, q.predicate, q.object)]
        if len(batch) >= BATCH:
            db.bulk_extend(batch)
            batch = []
    db.bulk_extend(batch)
    db.optimize()
    store.publish_snapshot(db, target)
    total = sum(1 for _ in store.named_quads(db))
    del db
    return total
