"""The spine: build into an on-disk store, rebuild, replace, export and re-import, survive kill -9."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg import iris, store
from kg.config import SEEDS_DIR
from kg.incidents import refresh as incidents_refresh
from kg.pipeline import build
from kg.vocab import DCT, NKG, PROV, RDF

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def quads(directory: Path) -> set[ox.Quad]:
    """The quads of every named graph (the default graph is their merge, derived from them)."""
    return set(store.named_quads(store.open_for_reading(directory)))


def isomorphic(a: set[ox.Quad], b: set[ox.Quad]) -> bool:
    """Same graphs, up to blank node names (compared graph by graph with rdflib)."""
    from rdflib import Graph
    from rdflib.compare import isomorphic as iso

    def graphs(qs: set[ox.Quad]) -> dict:
        out: dict = {}
        for q in qs:
            out.setdefault(q.graph_name, []).append(q.triple)
        return {g: Graph().parse(data=ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES), format="nt")
                for g, ts in out.items()}

    ga, gb = graphs(a), graphs(b)
    return ga.keys() == gb.keys() and all(iso(ga[g], gb[g]) for g in ga)


def without_times(qs: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in qs if q.predicate != PROV.endedAtTime}


def test_seed_graph_follows_the_contract(seed_store):
    db = store.open_for_reading(seed_store)
    graphs = {g for g in db.named_graphs()}
    assert iris.ONTOLOGY_GRAPH in graphs
    for path in SEEDS:
        key = str(path.resolve())
        g = iris.article_graph(key)
        a = iris.article(key)
        assert g in graphs
        assert ox.Quad(a, RDF.type, NKG.Article, g) in db
        assert ox.Quad(a, DCT.source, ox.Literal(str(path)), g) in db or any(
            db.quads_for_pattern(a, DCT.source, None, g))
        assert any(db.quads_for_pattern(a, DCT.title, None, g))
    ask = db.query("ASK { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?top }",
                   use_default_graph_as_union=True)
    assert bool(ask)


def test_unchanged_rebuild_adds_nothing_and_changed_article_is_replaced(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Clashes in Idlib\n\nGunmen killed five people in Idlib on Monday.\n")
    other = tmp_path / "b.txt"
    other.write_text("Protest in Homs\n\nHundreds protested in Homs on Friday.\n")
    directory = tmp_path / "store"
    first = build([str(article), str(other)], directory)
    assert first.articles == 2
    before = quads(directory)
    again = build([str(article), str(other)], directory)
    assert again.articles == 0 and again.skipped == 2
    assert quads(directory) == before
    article.write_text("Clashes in Idlib\n\nRebels arrested three men in Idlib on Tuesday.\n")
    third = build([str(article)], directory)
    assert third.articles == 1
    after = quads(directory)
    g = iris.article_graph(str(article.resolve()))
    in_g = {q for q in after if q.graph_name == g}
    text = " ".join(q.object.value for q in in_g if q.predicate == NKG.evidence)
    assert "arrested" in text and "killed" not in text
    g_other = iris.article_graph(str(other.resolve()))
    assert {q for q in after if q.graph_name == g_other} == {q for q in before if q.graph_name == g_other}


def test_export_and_reimport_is_the_same_graph(seed_store, tmp_path):
    for fmt, rdf_format in (("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
        out = tmp_path / f"dump.{fmt}"
        res = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(seed_store),
                              "--format", fmt, "-o", str(out)], capture_output=True, timeout=120,
                             check=False)
        assert res.returncode == 0, res.stderr
        fresh = ox.Store()
        fresh.load(path=str(out), format=rdf_format)
        assert next(fresh.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
        assert isomorphic(set(fresh), quads(seed_store))
    ttl = tmp_path / "dump.ttl"
    subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(seed_store), "--format",
                    "turtle", "-o", str(ttl)], check=True, timeout=120)
    parsed = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
              for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)]
    triples = set(parsed)
    union = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads(seed_store)}
    assert len(parsed) == len(triples)  # each triple once, however many graphs hold it
    assert isomorphic(triples, union)


def corpus(directory: Path, n: int) -> list[Path]:
    directory.mkdir()
    paths = []
    for i in range(n):
        seed = SEEDS[i % len(SEEDS)]
        p = directory / f"{i:03d}-{seed.name}"
        p.write_text(seed.read_text() + f"\nEdition {i}.\n")
        paths.append(p)
    return paths


def test_kill_9_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    paths = corpus(tmp_path / "corpus", 150)
    reference = tmp_path / "reference"
    build([str(tmp_path / "corpus")], reference)
    expected = without_times(quads(reference))
    directory = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(tmp_path / "corpus"),
                             "--store", str(directory)], stderr=subprocess.PIPE)
    seen = b""
    deadline = time.monotonic() + 120
    while not re.search(rb"\b([3-9]|\d\d)/150", seen) and proc.poll() is None:
        assert time.monotonic() < deadline
        seen += proc.stderr.read1(256)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db = store.open_store(directory)
    named = set(store.named_quads(db))
    # the merged default graph was written in the same transactions: still exactly the merge
    assert {q.triple for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph())} == {
        q.triple for q in named}
    # the incidents of exactly the articles written (the live store: snapshots lag behind)
    assert {q for q in named if q.graph_name == iris.INCIDENTS_GRAPH} == set(
        incidents_refresh.rebuild(db))
    del db
    partial = without_times(named)
    graphs = {q.graph_name for q in partial} - {iris.ONTOLOGY_GRAPH, iris.WIKIDATA_GRAPH,
                                                iris.INCIDENTS_GRAPH}
    assert 0 < len(graphs) < len(paths)
    for g in graphs:
        assert {q for q in partial if q.graph_name == g} == {q for q in expected if q.graph_name == g}
    summary = build([str(tmp_path / "corpus")], directory)
    assert summary.articles == len(paths) - len(graphs)
    final = without_times(quads(directory))
    article_graphs = {q.graph_name for q in expected} - {iris.ONTOLOGY_GRAPH}
    assert {q for q in final if q.graph_name in article_graphs} == {
        q for q in expected if q.graph_name in article_graphs}


def test_one_label_per_entity_across_articles(tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Geneva\n\nThe envoy Hamid Qurbani met officials in Geneva on Monday.\n")
    (tmp_path / "b.txt").write_text("Envoy speaks\n\nThe envoy Hamid al Qurbani said talks would go on.\n")
    (tmp_path / "c.txt").write_text("Envoy speaks again\n\nThe envoy Hamid al-Qurbani said talks failed.\n")
    directory = tmp_path / "store"
    build([str(tmp_path)], directory)
    db = store.open_for_reading(directory)
    rows = list(db.query(
        "SELECT ?e (COUNT(DISTINCT ?l) AS ?n) WHERE { ?e a nkg:Actor ; rdfs:label ?l } GROUP BY ?e",
        prefixes={"nkg": NKG.base, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
        use_default_graph_as_union=True))
    assert len(rows) == 1 and int(rows[0]["n"].value) == 1  # one person, one preferred label
