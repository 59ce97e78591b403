"""Shards into a store: labels settled across articles in input order, then bulk writes.

What the embedded build does between articles is done here, in the same order
(kg.pipeline.Labels over the store and what was loaded before), so the store ends up as
`kg build` would have left it: one rdfs:label per unlinked entity across articles, the
shared Wikidata graph the set union of every article's, the default graph the RDF merge of
the named graphs, and the incidents each batch touches written with it (kg.bulk.write, as
`kg build` writes its batches: all-new graphs by bulk load, journalled).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import bulk, incidents, store
from kg.pipeline import Labels, Summary
from kg.shards import ArticleGraph, read_shard
from kg.vocab import NKG, RDFS, SKOS

if TYPE_CHECKING:
    from kg.incidents.view import Memo

BATCH = 256  # article graphs per write transaction


def relabel(quads: list[Quad], node: NamedNode, known: str) -> list[Quad]:
    """The quads with `node` labelled `known`, its own labels kept as alt labels (settle_labels)."""
    own = [q for q in quads if q.subject == node and q.predicate == RDFS.label]
    if not own or all(q.object.value == known for q in own):
        return quads
    g = own[0].graph_name
    drop = {*own, Quad(node, SKOS.altLabel, Literal(known), g)}
    out = [q for q in quads if q not in drop]
    have = set(out)
    for q in [Quad(node, RDFS.label, Literal(known), g),
              *(Quad(node, SKOS.altLabel, q.object, g) for q in own if q.object.value != known)]:
        if q not in have:
            have.add(q)
            out.append(q)
    return out


def settled(articles: Iterable[ArticleGraph], labels: Labels) -> Iterator[ArticleGraph]:
    """Each article with its entities' labels settled against the store and those before it."""
    for a in articles:
        for node in a.settle:
            known = labels.elsewhere(node, a.graph)
            if known:
                a.quads = relabel(a.quads, node, known)
        labels.add(a.graph, a.quads, a.shared)
        yield a


def shard_articles(paths: list[Path]) -> Iterator[ArticleGraph]:
    """Every article of the shards, in order."""
    for p in paths:
        yield from read_shard(p)


def load_store(paths: list[Path], store_dir: Path,
               progress: Callable[[int], None] | None = None) -> Summary:
    """Load shards into the Oxigraph store in `store_dir`; articles already current are skipped."""
    started = time.perf_counter()
    db = store.open_store(store_dir)
    ontology_changed = store.ensure_ontology(db)
    summary = load_into(db, store_dir, paths, progress)
    if summary.articles or ontology_changed or store.latest_snapshot(store_dir) is None:
        store.publish_snapshot(db, store_dir)
    del db
    summary.seconds = time.perf_counter() - started
    return summary


def load_into(db: Store, directory: Path, paths: list[Path],
              progress: Callable[[int], None] | None = None) -> Summary:
    """Write the shards' articles the store (in `directory`) does not hold unchanged, settled,
    in batches, each with the incidents it touches (shards hold none: incidents span articles),
    as kg build writes them (kg.bulk: a batch of all-new graphs by bulk load)."""
    summary = Summary()
    memo = incidents.memo(db)

    def fresh(items: Iterable[ArticleGraph]) -> Iterator[ArticleGraph]:
        for a in items:
            if _current(db, a):
                summary.skipped += 1
            else:
                yield a

    batch: list[ArticleGraph] = []
    for a in settled(fresh(shard_articles(paths)), Labels(db)):
        batch.append(a)
        summary.articles += 1
        summary.triples += len(a.quads)
        summary.graphs.append(a.graph.value)
        if len(batch) == BATCH:
            _write(db, batch, memo, progress, directory)
            batch = []
    _write(db, batch, memo, progress, directory)
    return summary


def _current(db: Store, a: ArticleGraph) -> bool:
    """Whether the store already holds this article built from the same content."""
    mark = next((q for q in a.quads if q.predicate == NKG.contentHash), None)
    return mark is not None and store.is_current(db, a.graph, mark.subject, mark.object.value)


def _write(db: Store, batch: list[ArticleGraph], memo: Memo,
           progress: Callable[[int], None] | None, directory: Path) -> None:
    if not batch:
        return
    bulk.write(db, directory, {a.graph: a.quads for a in batch},
               [q for a in batch for q in a.shared], memo)
    if progress:
        progress(len(batch))
