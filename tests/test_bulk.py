"""Bulk writes of new article graphs (kg.bulk): the same store as transactions, and a write cut
short is undone when the store is next opened."""

from __future__ import annotations

import gc
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from kg import bulk, graphs, incidents, iris, store
from kg.config import SEEDS_DIR
from kg.incidents import refresh
from kg.pipeline import build
from kg.vocab import NKG


def seed_graphs(seed_store: Path) -> tuple[dict[NamedNode, list[Quad]], list[Quad]]:
    """The seed store's article graphs (graph -> quads) and its shared Wikidata quads."""
    db = store.open_for_reading(seed_store)
    found = {g for g in db.named_graphs() if g.value.startswith(iris.GRAPH + "article/")}
    articles = {g: list(db.quads_for_pattern(None, None, None, g))
                for g in sorted(found, key=lambda g: g.value)}
    return articles, list(db.quads_for_pattern(None, None, None, iris.WIKIDATA_GRAPH))


def fresh(directory: Path) -> Store:
    db = store.open_store(directory)
    store.ensure_ontology(db)
    return db


def written(db: Store) -> set[Quad]:
    """The named graphs' quads but the ontology's (loaded with blank nodes of its own per store)."""
    return {q for q in store.named_quads(db) if q.graph_name != iris.ONTOLOGY_GRAPH}


def merged(db: Store) -> bool:
    """Whether the default graph holds exactly the triples of the named graphs."""
    default = {q.triple for q in db.quads_for_pattern(None, None, None, DefaultGraph())}
    return default == {q.triple for q in store.named_quads(db)}


def test_bulk_writes_the_same_store_as_the_transaction(seed_store, tmp_path):
    articles, shared = seed_graphs(seed_store)
    first = dict(list(articles.items())[:2])
    rest = dict(list(articles.items())[2:])
    kept, fast = fresh(tmp_path / "kept"), fresh(tmp_path / "fast")
    for part in (first, rest):
        incidents.write(kept, part, shared, incidents.memo(kept))
        bulk.write(fast, tmp_path / "fast", part, shared, incidents.memo(fast))
    assert written(fast) == written(kept)
    assert {q.graph_name for q in written(fast)} >= set(articles) | {iris.INCIDENTS_GRAPH}
    assert merged(fast)
    assert not bulk.journal_path(tmp_path / "fast").exists()


def test_a_bulk_write_cut_short_is_removed_on_open(seed_store, tmp_path):
    articles, shared = seed_graphs(seed_store)
    (g1, q1), (g2, q2), (g3, q3) = list(articles.items())[:3]
    directory = tmp_path / "store"
    db = fresh(directory)
    bulk.write(db, directory, {g1: q1, g2: q2}, shared)
    whole = set(store.named_quads(db))
    # a build killed in its next bulk write: the journal lists g3, half its quads are in,
    # content hash among them, and a quarter of their default-graph copies
    bulk._list(bulk.journal_path(directory), {g3: q3})
    half = sorted(q3, key=str)[: len(q3) // 2]
    half.append(next(q for q in q3 if q.predicate.value.endswith("contentHash")))
    # a report whose blocking key is in but not its nkg:modality (what marks it a report)
    report = next(q.subject for q in q3 if q.predicate == NKG.modality)
    half = [q for q in half if not (q.subject == report and q.predicate == NKG.modality)]
    half.append(Quad(report, NKG.matchKey, Literal("idlib 2024-03-11"), iris.INCIDENTS_GRAPH))
    db.bulk_extend(half)
    db.bulk_extend([Quad(q.subject, q.predicate, q.object) for q in half[: len(half) // 2]])
    assert not graphs.is_empty(db, g3)
    del db
    gc.collect()
    db = store.open_store(directory)
    assert graphs.is_empty(db, g3)
    assert set(store.named_quads(db)) == whole  # the other graphs and the incidents as they were
    assert merged(db)
    assert {q for q in whole if q.graph_name == iris.INCIDENTS_GRAPH} == set(refresh.rebuild(db))
    assert not any(db.quads_for_pattern(report, None, None, None))
    assert not bulk.journal_path(directory).exists()


def test_recovery_removes_the_incidents_of_a_write_done_but_not_yet_cleared(seed_store, tmp_path):
    articles, shared = seed_graphs(seed_store)
    (g1, q1), (g2, q2) = list(articles.items())[:2]
    directory = tmp_path / "store"
    db = fresh(directory)
    bulk.write(db, directory, {g1: q1}, shared)
    alone = set(store.named_quads(db))
    bulk.write(db, directory, {g2: q2}, shared)
    bulk._list(bulk.journal_path(directory), {g2: q2})  # killed before the journal went
    del db
    gc.collect()
    db = store.open_store(directory)
    assert graphs.is_empty(db, g2) and not graphs.is_empty(db, g1)
    incident_quads = {q for q in store.named_quads(db) if q.graph_name == iris.INCIDENTS_GRAPH}
    assert incident_quads == set(refresh.rebuild(db))
    gone = g2.value.replace(iris.GRAPH, iris.ID)  # its reports: <ID>article/<id>/event/...
    assert not any(q.object.value.startswith(gone) for q in incident_quads)
    assert any(q.object.value.startswith(g1.value.replace(iris.GRAPH, iris.ID))
               for q in incident_quads)
    assert {q for q in store.named_quads(db) if q.graph_name == g1} == {
        q for q in alone if q.graph_name == g1}
    assert merged(db)


def test_a_build_writes_new_articles_in_bulk_and_leaves_no_journal(tmp_path, monkeypatch):
    calls = []
    original = graphs.write_new
    monkeypatch.setattr(graphs, "write_new", lambda db, new, more=(): (
        calls.append(list(new)), original(db, new, more)))
    directory = tmp_path / "store"
    summary = build([str(SEEDS_DIR)], directory)
    assert summary.articles == sum(map(len, calls)) > 0
    assert not bulk.journal_path(directory).exists()
    assert not list(directory.glob(bulk.JOURNAL + "*"))
    # a rebuilt article replaces its graph in one transaction, not by bulk load
    (tmp_path / "a.txt").write_text("Clashes in Idlib\n\nGunmen killed five people in Idlib.\n")
    build([str(tmp_path / "a.txt")], directory)
    n = len(calls)
    (tmp_path / "a.txt").write_text("Clashes in Idlib\n\nRebels arrested three men in Idlib.\n")
    assert build([str(tmp_path / "a.txt")], directory).articles == 1
    assert len(calls) == n
    db = store.open_for_reading(directory)
    assert merged(db)
