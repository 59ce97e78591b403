"""Every ontology term the code uses is declared in ontology/, and the class table agrees with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from kg.config import ONTOLOGY_DIR
from kg.extract.classes import ALSO_UNDER, SUBCLASS_OF
from kg.vocab import NKG

ROOT = Path(__file__).resolve().parent.parent
NS = rdflib.Namespace(NKG.base)
USE = re.compile(r"""\bNKG(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["']([^"']+)["']\s*\])""")
NAMESPACE_ATTRIBUTES = {"base", "used"}  # attributes of kg.vocab.Namespace, not terms
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
INDIVIDUALS = {
    "CountBound": ("exact", "atLeast", "atMost", "approximate"),
    "Modality": ("asserted", "negated", "hypothetical", "planned"),
    "ClaimStatus": ("Asserted", "Unverified", "Disputed", "Denied", "Confirmed"),
}
RELATIONS = ("memberOf", "leaderOf", "basedIn")  # kg.model.Relation.predicate values


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """Every ontology/*.ttl file but the shapes, in one graph."""
    g = rdflib.Graph()
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        if path.name != "shapes.ttl":
            g.parse(path, format="turtle")
    return g


def declared(g: rdflib.Graph) -> set[str]:
    """Local names of every nkg: class, property and named individual."""
    names = set()
    for kind in DECLARATIONS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, rdflib.URIRef) and str(s).startswith(NKG.base):
                names.add(str(s)[len(NKG.base):])
    return names


def names_in_sources() -> dict[str, str]:
    """Each NKG.<name> / NKG["name"] written in kg/ and server/, with a file that uses it."""
    found: dict[str, str] = {}
    for folder in ("kg", "server"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for m in USE.finditer(path.read_text(encoding="utf-8")):
                name = m.group(1) or m.group(2)
                if name not in NAMESPACE_ATTRIBUTES:
                    found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_sources_use_nkg_terms():
    assert {"Article", "Claim", "evidence", "source"} <= set(names_in_sources())


def test_every_term_in_code_is_declared(ontology):
    missing = {n: f for n, f in names_in_sources().items() if n not in declared(ontology)}
    assert not missing, f"used in code but not declared in ontology/: {missing}"


def test_every_emitted_class_is_an_owl_class(ontology):
    classes = {str(s)[len(NKG.base):] for s in ontology.subjects(RDF.type, OWL.Class)
               if str(s).startswith(NKG.base)}
    missing = sorted(set(SUBCLASS_OF) - classes)
    assert not missing, f"kg/extract/classes.py names classes the ontology lacks: {missing}"


@pytest.mark.parametrize("cls", sorted(INDIVIDUALS))
def test_individuals_are_declared_members(ontology, cls):
    for name in INDIVIDUALS[cls]:
        assert (NS[name], RDF.type, OWL.NamedIndividual) in ontology
        assert (NS[name], RDF.type, NS[cls]) in ontology
    members = list(rdflib.collection.Collection(ontology, ontology.value(NS[cls], OWL.oneOf)))
    assert sorted(str(m) for m in members) == sorted(NKG.base + n for n in INDIVIDUALS[cls])


def test_relation_predicates_are_object_properties(ontology):
    for name in RELATIONS:
        assert (NS[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("name", sorted(SUBCLASS_OF))
def test_subclass_table_agrees_with_ontology(ontology, name):
    parents = {str(o)[len(NKG.base):] for o in ontology.objects(NS[name], RDFS.subClassOf)
               if str(o).startswith(NKG.base)}
    if SUBCLASS_OF[name] == name:
        assert not parents & set(SUBCLASS_OF), f"{name} is a top class in classes.py"
    else:
        assert parents == {SUBCLASS_OF[name], *ALSO_UNDER.get(name, ())}


def test_ontology_has_no_subclass_the_table_lacks(ontology):
    extra = []
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        child, parent = str(s)[len(NKG.base):], str(o)[len(NKG.base):]
        if str(s).startswith(NKG.base) and parent in SUBCLASS_OF and child not in SUBCLASS_OF:
            extra.append(child)
    assert not extra, f"ontology classes missing from kg/extract/classes.py: {extra}"


def test_terms_used_while_building_the_seeds_are_declared(ontology, seed_store):
    """NKG[...] with computed names (classes, bounds, statuses) as the seed build used them."""
    used = NKG.used - NAMESPACE_ATTRIBUTES
    assert {"Article", "Claim", "status", "modality"} <= used
    missing = sorted(used - declared(ontology))
    assert not missing, f"terms written by `kg build` but not declared: {missing}"
