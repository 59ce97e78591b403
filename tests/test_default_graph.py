"""The default graph is the merge of the named graphs: a triple once, however many graphs hold it."""

from __future__ import annotations

import gc
import json

import pytest
from click.testing import CliRunner
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from kg import graphs, store, writer
from kg.cli import cli
from kg.queries import load_queries, run_saved
from kg.vocab import DCT, NKG, RDF, RDFS

EX = "http://example.org/"
CLAIM, ARTICLE, SOURCE = NamedNode(EX + "claim"), NamedNode(EX + "article"), NamedNode(EX + "sohr")
GRAPHS = [NamedNode(f"{EX}graph/{n}") for n in range(3)]
SHARED = [(CLAIM, RDF.type, NKG.Claim), (CLAIM, NKG.status, NKG.Unverified),
          (CLAIM, NKG.article, ARTICLE), (CLAIM, NKG.source, SOURCE),
          (SOURCE, RDFS.label, Literal("Monitor")), (ARTICLE, DCT.title, Literal("One story"))]


def graph_quads(n: int, shared: bool = True) -> list[Quad]:
    """Graph n: the shared claim (if `shared`) and one triple of its own."""
    own = [(NamedNode(f"{EX}only/{n}"), RDFS.label, Literal(f"only in {n}"))]
    return [Quad(s, p, o, GRAPHS[n]) for s, p, o in (SHARED if shared else []) + own]


def merged(db: Store) -> bool:
    """Whether the default graph holds exactly the triples of the named graphs."""
    default = {q.triple for q in db.quads_for_pattern(None, None, None, DefaultGraph())}
    return default == {q.triple for q in store.named_quads(db)}


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """A store whose three graphs all assert the same claim (six triples), published."""
    directory = tmp_path_factory.mktemp("shared")
    db = store.open_store(directory)
    store.ensure_ontology(db)
    writes = writer.GraphWriter(db, directory, depth=2, batch_quads=5)
    for n in range(3):
        writes.put(GRAPHS[n], graph_quads(n), [])
    writes.close()
    store.publish_snapshot(db, directory)
    del db
    gc.collect()
    return directory


def count(db: Store, where: str = "?s ?p ?o") -> int:
    """COUNT(*) over the store's default graph, as every query path runs it."""
    from kg.sparql import query

    return int(next(query(db, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))["n"].value)


def test_the_default_graph_is_the_merge(shared_store):
    db = store.open_for_reading(shared_store)
    assert merged(db)
    distinct = {q.triple for q in store.named_quads(db)}
    assert count(db) == len(distinct) == store.count(db)
    assert count(db, f"<{CLAIM.value}> ?p ?o") == 4  # asserted by three graphs, counted once
    assert count(db, f"GRAPH ?g {{ <{CLAIM.value}> ?p ?o }}") == 12  # GRAPH ?g: each graph


def test_kg_query_counts_once(shared_store):
    result = CliRunner().invoke(cli, ["query", "--store", str(shared_store), "--format", "json",
                                      ("SELECT ?claim ?title WHERE { ?claim a nkg:Claim ; "
                                      "nkg:article/dct:title ?title }")])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["results"]["bindings"]) == 1


def test_a_saved_query_counts_once(shared_store):
    db = store.open_for_reading(shared_store)
    rows = list(run_saved(db, load_queries()["claims_by_status"], {}))
    assert [r["claim"] for r in rows] == [CLAIM]


def test_a_triple_leaves_when_no_graph_holds_it(tmp_path):
    db = store.open_store(tmp_path)
    for n in range(3):
        store.replace_graph(db, GRAPHS[n], graph_quads(n))
    store.replace_graph(db, GRAPHS[0], graph_quads(0, shared=False))
    store.replace_graph(db, GRAPHS[1], [])
    assert merged(db) and count(db, f"<{CLAIM.value}> ?p ?o") == 4  # graph 2 still holds it
    store.replace_graph(db, GRAPHS[2], graph_quads(2, shared=False))
    assert merged(db) and count(db, f"<{CLAIM.value}> ?p ?o") == 0
    assert count(db) == 2  # only/0 and only/2


def test_writes_of_the_default_graph_are_refused(tmp_path):
    db = store.open_store(tmp_path)
    with pytest.raises(TypeError, match="named graphs only"):
        store.add_quads(db, [Quad(CLAIM, RDF.type, NKG.Claim)])
    assert len(db) == 0


def test_a_store_from_before_is_merged_once_on_open(tmp_path):
    old = Store(str(tmp_path / "db"))  # written as kg wrote stores before: named graphs only
    store.ensure_ontology(old)
    old.update("CLEAR DEFAULT")
    old.extend(q for n in range(3) for q in graph_quads(n))
    assert graphs.stale(old)
    del old
    gc.collect()
    db = store.open_for_reading(tmp_path)  # upgrades, publishes a snapshot, reads it
    assert not graphs.stale(db) and merged(db)
    assert store.latest_snapshot(tmp_path) is not None
    assert count(db, f"<{CLAIM.value}> ?p ?o") == 4


def test_a_dataset_not_written_by_kg_is_read_as_it_is(tmp_path):
    other = Store(str(tmp_path / "db"))  # no ontology graph: another tool's dataset
    other.extend([Quad(CLAIM, RDF.type, NKG.Claim, GRAPHS[0])])
    del other
    gc.collect()
    db = store.open_for_reading(tmp_path)
    assert count(db) == 0 and not graphs.stale(db)


def test_builds_and_rebuilds_keep_the_merge(tmp_path):
    from kg.pipeline import build

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Clashes in Homs\n\nGunmen killed three people in Homs on Monday, "
                                "the Syrian Observatory for Human Rights said.\n")
    (docs / "b.txt").write_text("More clashes in Homs\n\nThe Syrian Observatory for Human Rights "
                                "said shelling hit Homs on Tuesday.\n")
    label = "?s rdfs:label ?l FILTER(CONTAINS(?l, 'Observatory'))"
    build([str(docs)], tmp_path / "store")
    db = store.open_for_reading(tmp_path / "store")
    assert merged(db) and count(db, label) == 1 and count(db, f"GRAPH ?g {{ {label} }}") == 2
    del db
    (docs / "a.txt").write_text("Calm in Homs\n\nResidents of Homs said the night was quiet.\n")
    summary = build([str(docs)], tmp_path / "store")  # a.txt changed: its graph is replaced
    assert summary.articles == 1 and summary.skipped == 1
    db = store.open_for_reading(tmp_path / "store")
    assert merged(db) and count(db, label) == 1 and count(db, f"GRAPH ?g {{ {label} }}") == 1
