"""`kg link` re-links an existing on-disk store after the gazetteer grew."""

from __future__ import annotations

from click.testing import CliRunner
from pyoxigraph import NamedNode

from kg import iris, rdf, store
from kg.cli import cli
from kg.link import link
from kg.model import Article, Entity, Extraction, Span
from kg.vocab import NKG, OWL, RDF, RDFS, SKOS, WD

TEXT = "Fighters took Kamishly Airport in Syria."
ARTICLE = Article(text=TEXT, source="a.txt", key="/tmp/a.txt", title="t")


def mention(text: str) -> tuple[Span, ...]:
    """The one mention of `text` in the article."""
    start = TEXT.index(text)
    return (Span(start, start + len(text), text),)


def build_store(directory) -> None:
    """A real store holding one article graph, written as `kg build` writes it."""
    ents = (Entity(key="e0", cls="Place", label="Kamishly Airport", mentions=mention("Kamishly Airport")),
            Entity(key="e1", cls="Place", label="Syria", mentions=mention("Syria")))
    x, shared = link(Extraction(article=ARTICLE, entities=ents))
    db = store.open_store(directory)
    store.replace_graph(db, iris.article_graph(ARTICLE.key), list(rdf.article_quads(x, "test")))
    store.add_quads(db, shared)
    store.publish_snapshot(db, directory)
    del db


def test_kg_link_after_import(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_GAZETTEER", str(tmp_path / "gazetteer"))
    build_store(tmp_path / "store")
    graph = iris.article_graph(ARTICLE.key)
    old = iris.entity("Place", "Kamishly Airport")
    new = NamedNode(iris.ID + "wd/Q1432529")
    db = store.open_for_reading(tmp_path / "store")
    assert next(db.quads_for_pattern(old, NKG.mention, None, graph), None)
    del db

    table = tmp_path / "items.tsv"
    table.write_text("qid\tlabel\taliases\tkind\tcountry\n"
                     "Q1432529\tQamishli Airport\tKamishly Airport\tfacility\tSY\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["gazetteer", "import", str(table)]).exit_code == 0
    result = runner.invoke(cli, ["link", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "1 entities newly linked in 1 article graphs" in result.output

    db = store.open_for_reading(tmp_path / "store")  # the snapshot `kg link` published
    assert next(db.quads_for_pattern(old, None, None, None), None) is None
    assert next(db.quads_for_pattern(None, None, old, None), None) is None
    assert next(db.quads_for_pattern(new, OWL.sameAs, WD.Q1432529, graph), None)
    assert next(db.quads_for_pattern(new, RDF.type, NKG.Facility, graph), None)
    assert next(db.quads_for_pattern(new, RDF.type, NKG.Place, graph), None) is None
    assert len(list(db.quads_for_pattern(new, NKG.mention, None, graph))) == 1
    labels = {q.object.value for q in db.quads_for_pattern(new, RDFS.label, None, graph)}
    alts = {q.object.value for q in db.quads_for_pattern(new, SKOS.altLabel, None, graph)}
    assert (labels, alts) == ({"Qamishli Airport"}, {"Kamishly Airport"})
    link_node = next(db.quads_for_pattern(new, NKG.wikidataLink, None, graph)).object
    assert next(db.quads_for_pattern(link_node, NKG.item, WD.Q1432529, graph), None)
    syria = NamedNode(iris.ID + "wd/Q858")
    assert next(db.quads_for_pattern(new, NKG.parent, syria, iris.WIKIDATA_GRAPH), None)
    del db

    again = runner.invoke(cli, ["link", "--store", str(tmp_path / "store")])
    assert "0 entities newly linked" in again.output


PEOPLE = ("A shopkeeper, John Smith, watched the vote. Israeli lawmaker Ayman Odeh said the bill "
          "would fail.")


def test_kg_link_reads_a_persons_context_back_from_the_graph(tmp_path):
    """A store written before the linker knew these people: `kg link` reads the article text,
    sentences and mention offsets back from the graph and judges each name in its context."""
    from kg.extract import extract
    from kg.nlp import get_nlp

    article = Article(text=PEOPLE, source="p.txt", key="/tmp/p.txt", title="t")
    x = extract(get_nlp()(PEOPLE), article)  # not linked: as an older build wrote it
    db = store.open_store(tmp_path / "store")
    store.replace_graph(db, iris.article_graph(article.key), list(rdf.article_quads(x, "test")))
    store.publish_snapshot(db, tmp_path / "store")
    del db
    result = CliRunner().invoke(cli, ["link", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    db = store.open_for_reading(tmp_path / "store")
    graph = iris.article_graph(article.key)
    linked = {q.subject.value for q in db.quads_for_pattern(None, OWL.sameAs, None, graph)}
    assert linked == {iris.ID + "wd/Q12181439"}  # Ayman Odeh; the shopkeeper is nobody's item
    del db
