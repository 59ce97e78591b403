"""build(paths): read -> parse -> extract -> link -> quads -> store, articles written in batches (kg.writer)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyoxigraph import NamedNode

from kg import iris, rdf, store, writer
from kg.extract import extract
from kg.link import link
from kg.model import Article, Extraction
from kg.nlp import get_nlp, model_name
from kg.parse import parse
from kg.read import read_all
from kg.vocab import RDFS

SNAPSHOT_EVERY = 2.0  # seconds between snapshots published for running servers
WRITE_QUEUE = 2  # batches waiting for the background store writer (kg.writer); 0 writes inline


@dataclass
class Summary:
    """What one build did."""

    articles: int = 0
    skipped: int = 0
    triples: int = 0
    entities: int = 0
    events: int = 0
    claims: int = 0
    seconds: float = 0.0
    graphs: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for the terminal."""
        return (f"{self.articles} articles built ({self.skipped} unchanged), {self.triples} triples, "
                f"{self.entities} entities, {self.events} events, {self.claims} claims "
                f"in {self.seconds:.1f} s")


def build(paths: list[str], store_dir: Path, online: bool = False,
          progress: Callable[[int], None] | None = None,
          articles: list[Article] | None = None, parse_worker: bool | None = None) -> Summary:
    """Read every article under `paths` and write each into its own named graph.

    `parse_worker`: parse in a forked process beside this one (None: when worth it, kg.parse).
    """
    started = time.perf_counter()
    todo = articles if articles is not None else read_all(paths)  # bad input fails here
    db = store.open_store(store_dir)
    ontology_changed = store.ensure_ontology(db)
    summary = Summary()
    fresh = {}
    for a in todo:
        if store.is_current(db, iris.article_graph(a.key), iris.article(a.key), a.checksum):
            summary.skipped += 1
        else:
            fresh[a.key] = a
    nlp = get_nlp()
    model = model_name(nlp)
    pending = list(fresh.values())
    docs = parse(nlp, [a.text for a in pending], parse_worker)  # may fork a worker: before any thread starts
    writes = writer.GraphWriter(db, store_dir, WRITE_QUEUE)
    snapshots = store.SnapshotPublisher(db, store_dir, SNAPSHOT_EVERY, writes.lock)
    labels = Labels(db)

    def written(n: int) -> None:
        for _ in range(n if progress else 0):
            progress(1)

    # the model, lexicons and gazetteer stay out of the cyclic GC's walks while the build makes
    # objects (each collection of the oldest generation would walk them all again)
    gc.collect()
    gc.freeze()
    try:
        for doc, a in zip(docs, pending, strict=True):
            x, shared = link(extract(doc, a), online=online)
            x = settle_labels(db, x, labels)
            graph = iris.article_graph(a.key)
            quads = list(rdf.article_quads(x, model))
            labels.add(graph, quads, shared)
            written(writes.put(graph, quads, shared))
            summary.articles += 1
            summary.triples += len(quads)
            summary.entities += len(x.entities)
            summary.events += len(x.events)
            summary.claims += len(x.claims)
            summary.graphs.append(graph.value)
            if summary.articles < len(pending):  # after the last one, the final snapshot follows
                snapshots.tick()
    finally:
        gc.unfreeze()
        docs.close()
        # what was queued is written even when the build stops on an error, as inline writes were
        written(writes.close())
    snapshots.close()
    if summary.articles or ontology_changed or store.latest_snapshot(store_dir) is None:
        store.publish_snapshot(db, store_dir)
    del db
    summary.seconds = time.perf_counter() - started
    return summary


class Labels:
    """The rdfs:labels of the graphs this build writes, as they will be once the writer is done.

    Article graphs go to the store from a background thread (`writer.GraphWriter`), so while an
    earlier article's write is queued the store may still show that graph's old version, or none.
    For the graphs this build writes, these labels stand in for the store's; the shared graph
    only grows, so its labels are the store's and these together.

    A name many articles give would make every lookup read every one of their labels (a build
    quadratic in its articles), so each node keeps what the store gave it in graphs this build
    does not write (read once: those do not change while it runs) and the smallest labels of
    the two graphs of this build that label it smallest (the smallest from a graph other than
    any one graph is one of them).
    """

    def __init__(self, db) -> None:
        self.db = db
        self.graphs: set = set()  # article graphs this build has (re)written or queued
        self._stored: dict = {}  # node -> [(label, graph)] in the store, graphs not in self.graphs
        self._built: dict = {}  # node -> up to two (label, graph), smallest first, graphs apart

    def add(self, graph, quads, shared) -> None:
        """Note the labels of one article's quads (its graph and the shared graph)."""
        self.graphs.add(graph)
        for q in (*quads, *shared):
            if q.predicate == RDFS.label:
                self._note(q.subject, q.object.value, q.graph_name)

    def _note(self, node, label: str, graph) -> None:
        best = self._built.setdefault(node, [])
        for n, (old, g) in enumerate(best):
            if g == graph:
                best[n] = (min(old, label), g)
                break
        else:
            best.append((label, graph))
        best.sort(key=lambda pair: pair[0])
        del best[2:]

    def elsewhere(self, node, graph) -> str | None:
        """The smallest rdfs:label a graph other than `graph` gives `node` (as store.label_elsewhere
        with this build's labels added and its graphs read from them alone)."""
        stored = self._stored.get(node)
        if stored is None:
            stored = self._stored[node] = [
                (q.object.value, q.graph_name)
                for q in self.db.quads_for_pattern(node, RDFS.label, None, None)
                if isinstance(q.graph_name, NamedNode) and q.graph_name not in self.graphs]
        labels = [label for label, g in stored if g != graph and g not in self.graphs]
        labels += [label for label, g in self._built.get(node, ())[:2] if g != graph][:1]
        return min(labels) if labels else None


def settle_labels(db, x: Extraction, labels: Labels | None = None) -> Extraction:
    """One rdfs:label per entity across articles: a name already in the store keeps its label.

    Linked entities take the item's label (kg.link); this covers the unlinked ones, whose IRI
    comes from a folded name ("Bashar al Assad" and "Bashar al-Assad" share one). `labels` adds
    what this build has queued for writing but the store may not show yet.
    """
    graph = iris.article_graph(x.article.key)
    out = []
    for e in x.entities:
        known = None
        if not (e.qid or e.scoped):
            node = rdf.entity_iri(e, x.article)
            known = labels.elsewhere(node, graph) if labels else store.label_elsewhere(db, node, graph)
        if known and known != e.label:
            e = replace(e, label=known, alt_labels=tuple(dict.fromkeys((e.label, *e.alt_labels))))
        out.append(e)
    return replace(x, entities=tuple(out))
