"""The ontology parses, documents every term, keeps the contract and maps events to ACLED/PLOVER."""

from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store
from rdflib import OWL, RDF, RDFS, SKOS

from kg import iris, store
from kg.config import ONTOLOGY_DIR
from kg.vocab import NKG, sparql_prefixes

NS = rdflib.Namespace(NKG.base)
ACLED = rdflib.Namespace("https://w3id.org/newskg/ontology/acled#")
PLOVER = rdflib.Namespace("https://w3id.org/newskg/ontology/plover#")
FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))
CONTRACT_CLASSES = ("Actor", "Faction", "Place", "Event", "Claim", "Article")
CONTRACT_EVENTS = ("Killing", "Attack", "Bombardment", "Clash", "SexualViolence", "Abduction",
                   "Arrest", "Looting", "Displacement", "Protest", "Appeal", "Threat",
                   "Agreement", "Rebellion", "TransferOfPower", "Rescue")
OBJECT_PROPERTIES = ("agent", "target", "place", "countBound", "modality", "evidenceSpan",
                     "trigger", "article", "source", "status", "about", "mention", "memberOf",
                     "leaderOf", "basedIn", "wikidataLink", "item", "parent", "hasContext",
                     "quantityBound")
DATATYPE_PROPERTIES = ("time", "count", "evidence", "cue", "text", "quantity", "role",
                       "confidence", "linker", "contentHash", "softwareVersion", "model")
MAPPINGS = (SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch,
            SKOS.relatedMatch)
ACLED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """Every ontology/*.ttl file but the shapes, in one graph."""
    g = rdflib.Graph()
    for path in FILES:
        if path.name != "shapes.ttl":
            g.parse(path, format="turtle")
    return g


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_parses_with_rdflib_and_pyoxigraph(path):
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    s = Store()
    s.load(path=str(path), format=RdfFormat.TURTLE)
    assert len(g) == len(s) > 0


def nkg_terms(g: rdflib.Graph, kind: rdflib.URIRef) -> list[rdflib.URIRef]:
    """The nkg: subjects declared with rdf:type `kind`."""
    return sorted(s for s in g.subjects(RDF.type, kind) if str(s).startswith(NKG.base))


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                  OWL.NamedIndividual], ids=lambda k: k.split("#")[-1])
def test_every_term_has_label_and_comment(ontology, kind):
    terms = nkg_terms(ontology, kind)
    assert terms
    for t in terms:
        assert ontology.value(t, RDFS.label), f"{t} has no rdfs:label"
        comment = ontology.value(t, RDFS.comment)
        assert comment and len(str(comment)) > 20, f"{t} has no useful rdfs:comment"


def test_every_property_has_domain_or_range(ontology):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in nkg_terms(ontology, kind):
            assert ontology.value(p, RDFS.range) is not None, f"{p} has no rdfs:range"
            if p != NS.contentHash:  # also marks the ontology graph itself
                assert ontology.value(p, RDFS.domain) is not None, f"{p} has no rdfs:domain"


def test_contract_terms_are_declared(ontology):
    for name in CONTRACT_CLASSES + CONTRACT_EVENTS:
        assert (NS[name], RDF.type, OWL.Class) in ontology
    for name in CONTRACT_EVENTS:
        assert (NS[name], RDFS.subClassOf, NS.Event) in ontology
    for name in OBJECT_PROPERTIES:
        assert (NS[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for name in DATATYPE_PROPERTIES:
        assert (NS[name], RDF.type, OWL.DatatypeProperty) in ontology, name


def test_finer_classes_sit_under_contract_classes(ontology):
    assert (NS.Execution, RDFS.subClassOf, NS.Killing) in ontology
    assert (NS.Airstrike, RDFS.subClassOf, NS.Bombardment) in ontology
    assert (NS.Shelling, RDFS.subClassOf, NS.Bombardment) in ontology
    for name in ("ArmedGroup", "StateForce", "Community", "NGO", "InternationalOrganisation"):
        assert (NS[name], RDFS.subClassOf, NS.Faction) in ontology
    for name in ("Country", "AdministrativeArea", "Settlement", "Neighbourhood", "Facility"):
        assert (NS[name], RDFS.subClassOf, NS.Place) in ontology


def test_provenance_and_outside_alignments(ontology):
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    sem = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    schema = rdflib.Namespace("https://schema.org/")
    wdt = rdflib.Namespace("http://www.wikidata.org/prop/direct/")
    assert (NS.Mention, RDFS.subClassOf, nif.Phrase) in ontology
    assert (NS.ExtractionRun, RDFS.subClassOf, prov.Activity) in ontology
    assert (NS.Event, RDFS.subClassOf, sem.Event) in ontology
    assert (NS.agent, RDFS.subPropertyOf, sem.hasActor) in ontology
    assert (NS.Article, RDFS.subClassOf, schema.NewsArticle) in ontology
    assert (NS.place, SKOS.closeMatch, wdt.P276) in ontology
    assert (NS.parent, SKOS.closeMatch, wdt.P131) in ontology


def test_no_wikidata_items_are_asserted(ontology):
    """Only Wikidata property IDs are used: an item ID written from memory could be wrong."""
    items = [o for o in ontology.all_nodes() if str(o).startswith("http://www.wikidata.org/entity/")]
    assert not items


@pytest.mark.parametrize("scheme", [ACLED, PLOVER], ids=["acled", "plover"])
def test_concept_schemes(ontology, scheme):
    concepts = [c for c in ontology.subjects(RDF.type, SKOS.Concept) if str(c).startswith(str(scheme))]
    assert len(concepts) >= 18
    for c in concepts:
        assert (c, SKOS.inScheme, scheme.scheme) in ontology
        assert len(list(ontology.objects(c, SKOS.prefLabel))) == 1


def test_acled_sub_event_types_nest_in_event_types(ontology):
    tops = {str(ontology.value(c, SKOS.prefLabel))
            for c in ontology.subjects(SKOS.topConceptOf, ACLED.scheme)}
    assert tops == set(ACLED_TYPES)
    assert str(ontology.value(ACLED.AirDroneStrike, SKOS.prefLabel)) == "Air/drone strike"
    assert (ACLED.AirDroneStrike, SKOS.broader, ACLED.ExplosionsRemoteViolence) in ontology


@pytest.mark.parametrize("name", CONTRACT_EVENTS)
def test_event_classes_map_to_declared_concepts(ontology, name):
    targets = [o for m in MAPPINGS for o in ontology.objects(NS[name], m)
               if str(o).startswith((str(ACLED), str(PLOVER)))]
    assert targets, f"nkg:{name} has no ACLED or PLOVER mapping"
    for t in targets:
        assert (t, RDF.type, SKOS.Concept) in ontology, t


def test_store_loads_ontology_for_subclass_queries(tmp_path):
    db = store.open_store(tmp_path)
    store.ensure_ontology(db)
    q = sparql_prefixes() + """SELECT ?c WHERE { GRAPH ?g {
        ?c rdfs:subClassOf+ nkg:Event } } ORDER BY ?c"""
    found = {str(r["c"].value)[len(NKG.base):] for r in db.query(q)}
    assert {"Execution", "Airstrike", "Shelling", *CONTRACT_EVENTS} <= found
    loaded = sum(1 for _ in db.quads_for_pattern(None, None, None, iris.ONTOLOGY_GRAPH))
    assert loaded > 500


def test_every_nkg_iri_written_in_ontology_or_shapes_is_declared(ontology):
    """A typo in a domain, a range or a shape's sh:class would silently match nothing."""
    everything = rdflib.Graph()
    for path in FILES:
        everything.parse(path, format="turtle")
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(NKG.base)}
    written = {n for n in everything.all_nodes() if isinstance(n, rdflib.URIRef)
               and str(n).startswith(NKG.base)}
    assert not written - declared, sorted(written - declared)


def test_shapes_target_every_contract_class():
    shapes = rdflib.Graph()
    shapes.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes.objects(None, sh.targetClass))
    assert {NS[name] for name in CONTRACT_CLASSES} <= targets
