"""build(paths): read -> parse -> extract -> link -> quads -> store, one transaction per article."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg import iris, rdf, store
from kg.extract import extract
from kg.link import link
from kg.model import Article, Extraction
from kg.nlp import get_nlp, model_name
from kg.read import read_all

SNAPSHOT_EVERY = 2.0  # seconds between snapshots published for running servers
BATCH = 32


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
          articles: list[Article] | None = None) -> Summary:
    """Read every article under `paths` and write each into its own named graph."""
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
    snapshots = store.SnapshotPublisher(db, store_dir, SNAPSHOT_EVERY)
    pending = list(fresh.values())
    for doc, a in nlp.pipe(((a.text, a) for a in pending), as_tuples=True, batch_size=BATCH):
        x, shared = link(extract(doc, a), online=online)
        x = settle_labels(db, x)
        quads = list(rdf.article_quads(x, model))
        store.replace_graph(db, iris.article_graph(a.key), quads)
        if shared:
            store.add_quads(db, shared)
        summary.articles += 1
        summary.triples += len(quads)
        summary.entities += len(x.entities)
        summary.events += len(x.events)
        summary.claims += len(x.claims)
        summary.graphs.append(iris.article_graph(a.key).value)
        if progress:
            progress(1)
        snapshots.tick()
    snapshots.close()
    if summary.articles or ontology_changed or store.latest_snapshot(store_dir) is None:
        store.publish_snapshot(db, store_dir)
    del db
    summary.seconds = time.perf_counter() - started
    return summary


def settle_labels(db, x: Extraction) -> Extraction:
    """One rdfs:label per entity across articles: a name already in the store keeps its label.

    Linked entities take the item's label (kg.link); this covers the unlinked ones, whose IRI
    comes from a folded name ("Bashar al Assad" and "Bashar al-Assad" share one).
    """
    graph = iris.article_graph(x.article.key)
    out = []
    for e in x.entities:
        known = None if e.qid or e.scoped else store.label_elsewhere(db, rdf.entity_iri(e, x.article), graph)
        if known and known != e.label:
            e = replace(e, label=known, alt_labels=tuple(dict.fromkeys((e.label, *e.alt_labels))))
        out.append(e)
    return replace(x, entities=tuple(out))
