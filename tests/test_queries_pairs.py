"""The co-occurrence queries' pairs equal the pairs counted in Python from the store's quads."""

from __future__ import annotations

from collections import defaultdict

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Store

from kg.queries import load_queries, run_saved
from kg.store import open_for_reading
from kg.vocab import NIF, NKG, RDF, RDFS, SKOS


@pytest.fixture(scope="module")
def store(seed_store) -> Store:
    """The seed store, read-only."""
    return open_for_reading(seed_store)


def objects(store: Store, predicate: NamedNode) -> dict:
    """Every subject's objects of `predicate` in the default graph (kg's merged graph)."""
    out: dict = defaultdict(set)
    for q in store.quads_for_pattern(None, predicate, None, DefaultGraph()):
        out[q.subject].add(q.object)
    return out


def single(store: Store, predicate: NamedNode) -> dict:
    """Every subject's one object of `predicate` (offsets, a span's context)."""
    return {s: next(iter(o)) for s, o in objects(store, predicate).items()}


def members(store: Store, top: NamedNode) -> set:
    """Everything typed with `top` or a class under it (rdfs:subClassOf, transitively)."""
    parents = objects(store, RDFS.subClassOf)
    under, grew = {top}, True
    while grew:
        more = {c for c, ps in parents.items() if ps & under} - under
        under |= more
        grew = bool(more)
    return {s for s, types in objects(store, RDF.type).items() if types & under}


def pairs(store: Store, entities: set) -> dict:
    """(a, b) with STR(a) < STR(b) -> (contexts shared, sentences holding a mention of each)."""
    context, begin, end = (single(store, p) for p in (NIF.referenceContext, NIF.beginIndex,
                                                       NIF.endIndex))
    sentences = defaultdict(list)
    for s in members(store, NIF.Sentence):
        sentences[context[s]].append(s)
    spans = defaultdict(set)  # (entity, context) -> sentences holding one of its mentions
    for entity, mentions in objects(store, NKG.mention).items():
        for m in (m for m in mentions if entity in entities):
            at = int(begin[m].value)
            spans[entity, context[m]] |= {s for s in sentences[context[m]]
                                          if int(begin[s].value) <= at < int(end[s].value)}
    by_context = defaultdict(list)
    for entity, ctx in spans:
        by_context[ctx].append(entity)
    out: dict = defaultdict(lambda: (set(), set()))
    for ctx, found in by_context.items():
        for a in found:
            for b in (b for b in found if a.value < b.value):
                out[a, b][0].add(ctx)
                out[a, b][1].update(spans[a, ctx] & spans[b, ctx])
    return out


def test_cooccurrence_rows_are_the_pairs_of_the_quads(store):
    entities = members(store, NKG.Actor) | members(store, NKG.Faction)
    expected = pairs(store, entities)
    label = {s: next(iter(o)).value for s, o in objects(store, RDFS.label).items()}
    want = sorted((a.value, label.get(a), b.value, label.get(b), len(c), len(s))
                  for (a, b), (c, s) in expected.items())
    rows = run_saved(store, load_queries()["cooccurrence"], {})
    got = sorted((r["a"].value, r["aLabel"] and r["aLabel"].value, r["b"].value,
                  r["bLabel"] and r["bLabel"].value, int(r["articles"].value),
                  int(r["sentences"].value)) for r in rows)
    assert len(want) > 50 and any(row[5] for row in want) and any(row[4] > 1 for row in want)
    assert got == want


def test_min_articles_keeps_the_pairs_sharing_that_many(store):
    entities = members(store, NKG.Actor) | members(store, NKG.Faction)
    want = sorted((a.value, b.value) for (a, b), (c, _) in pairs(store, entities).items()
                  if len(c) >= 2)
    rows = run_saved(store, load_queries()["cooccurrence"], {"min_articles": "2"})
    assert want and sorted((r["a"].value, r["b"].value) for r in rows) == want


@pytest.mark.parametrize("cls", ["Faction", "Actor"])
def test_cooccurrence_graph_edges_are_the_pairs_of_the_quads(store, cls):
    expected = pairs(store, members(store, NKG[cls]))
    triples = run_saved(store, load_queries()["cooccurrence_graph"], {"class": f"nkg:{cls}"})
    edges = sorted((t.subject.value, t.object.value) for t in triples
                   if t.predicate == SKOS.related)
    assert edges and edges == sorted((a.value, b.value) for a, b in expected)
