"""Data for the ontology reference page, read generically from the ontology graph."""

from __future__ import annotations

import re
from collections import defaultdict

from pyoxigraph import BlankNode, NamedNode

from kg.iris import ONTOLOGY_GRAPH
from kg.vocab import NKG, OWL, RDF, RDFS, SKOS
from server.pages_common import Term, curie, href, local_name, select

TERMS = """SELECT ?og ?s ?p ?o ?olabel WHERE { GRAPH ?og { ?s ?p ?o
    OPTIONAL { ?o rdfs:label|skos:prefLabel ?olabel } } FILTER(isIRI(?s)) }"""
UNIONS = """SELECT ?og ?b ?member ?mlabel WHERE { GRAPH ?og {
    ?b (owl:unionOf|owl:intersectionOf|owl:oneOf)/rdf:rest*/rdf:first ?member
    OPTIONAL { ?member rdfs:label ?mlabel } } }"""

CLASS_TYPES = {OWL.Class.value, RDFS.Class.value}
PROPERTY_TYPES = {OWL.ObjectProperty.value, OWL.DatatypeProperty.value,
                  OWL.AnnotationProperty.value, RDF.Property.value}
SHOWN_APART = {RDF.type.value, RDFS.label.value, RDFS.comment.value, RDFS.subClassOf.value,
               RDFS.domain.value, RDFS.range.value, SKOS.prefLabel.value, SKOS.definition.value}


def anchor(iri: str) -> str:
    """The id of a term's entry on the page (its local name for our own terms)."""
    if iri.startswith(NKG.base):
        return iri[len(NKG.base):]
    short = curie(iri)
    if short == iri:
        short = iri.split("//", 1)[-1].split("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", short)


def term_value(term: Term, label: Term | None, unions: dict[str, list],
               described: frozenset[str] = frozenset()) -> dict:
    """A value in an entry: an IRI with label and link, a union of classes, or a literal."""
    if isinstance(term, BlankNode):
        return {"text": " or ".join(m["text"] for m in unions.get(term.value, [])) or "(anonymous)",
                "href": None, "members": unions.get(term.value, [])}
    if isinstance(term, NamedNode):
        own = term.value.startswith(NKG.base) or term.value in described
        link = "#" + anchor(term.value) if own else href(term)
        return {"text": curie(term), "label": label.value if label else "", "href": link}
    return {"text": term.value, "href": None, "lang": term.language or ""}


def collect() -> dict[str, dict]:
    """Every IRI described in the ontology graph with its properties grouped."""
    unions: dict[str, list] = defaultdict(list)
    for r in select(UNIONS, og=ONTOLOGY_GRAPH):
        unions[r["b"].value].append(term_value(r["member"], r.get("mlabel"), {}))
    terms: dict[str, dict] = {}
    rows = select(TERMS, og=ONTOLOGY_GRAPH)
    described = frozenset(r["s"].value for r in rows)
    for r in rows:
        s = r["s"].value
        t = terms.setdefault(s, {"iri": s, "curie": curie(s), "anchor": anchor(s),
                                 "props": defaultdict(list)})
        v = term_value(r["o"], r.get("olabel"), unions, described)
        values = t["props"][r["p"].value]
        if v not in values:
            values.append(v)
    for t in terms.values():
        t["label"] = first_text(t, RDFS.label, SKOS.prefLabel) or curie(t["iri"])
        t["comment"] = first_text(t, RDFS.comment, SKOS.definition)
        t["types"] = {v["text"] for v in t["props"].get(RDF.type.value, [])}
        t["others"] = [{"prop": curie(p), "prop_href": href(p), "vals": vs}
                       for p, vs in sorted(t["props"].items()) if p not in SHOWN_APART]
    return terms


def first_text(term: dict, *props: NamedNode) -> str:
    """The first literal of the first property present (English preferred)."""
    for p in props:
        values = term["props"].get(p.value, [])
        english = [v for v in values if v.get("lang") in ("en", "")]
        if values:
            return (english or values)[0]["text"]
    return ""


def kind(term: dict) -> str:
    """class, property, ontology, or other."""
    types = {curie(t) for t in (OWL.Class.value, RDFS.Class.value)}
    if term["types"] & types:
        return "class"
    if term["types"] & {curie(t) for t in PROPERTY_TYPES}:
        return "property"
    if "owl:Ontology" in term["types"]:
        return "ontology"
    return "other"


def class_tree(classes: dict[str, dict]) -> list[dict]:
    """Our classes as a forest by rdfs:subClassOf (a class with two parents shows under both)."""
    children: dict[str, list[str]] = defaultdict(list)
    has_parent: set[str] = set()
    for iri, c in classes.items():
        for parent in c["props"].get(RDFS.subClassOf.value, []):
            target = parent_iri(parent, classes)
            if target:
                children[target].append(iri)
                has_parent.add(iri)

    def node(iri: str, path: frozenset) -> dict:
        """A class and its subclasses, not revisiting any on the path (cycles)."""
        kids = sorted(children.get(iri, []), key=lambda k: classes[k]["label"].lower())
        return {"term": classes[iri],
                "children": [node(k, path | {k}) for k in kids if k not in path]}

    roots = sorted((i for i in classes if i not in has_parent),
                   key=lambda i: classes[i]["label"].lower())
    return [node(r, frozenset({r})) for r in roots]


def parent_iri(value: dict, classes: dict[str, dict]) -> str | None:
    """The IRI of a superclass value if it is one of our own classes."""
    if value.get("href", "") and value["href"].startswith("#"):
        iri = NKG.base + value["href"][1:]
        return iri if iri in classes else None
    return None


def ontology_view() -> dict:
    """The ontology page: header, class tree, classes, properties, other terms."""
    terms = collect()
    by_kind: dict[str, dict[str, dict]] = defaultdict(dict)
    for iri, t in terms.items():
        if iri == ONTOLOGY_GRAPH.value:
            continue  # the load marker (a content hash), not a term
        by_kind[kind(t)][iri] = t
    own = {i: c for i, c in by_kind["class"].items() if i.startswith(NKG.base)}
    external = {i: c for i, c in by_kind["class"].items() if i not in own}
    ordered = sorted(by_kind["property"].values(),
                     key=lambda p: (not p["iri"].startswith(NKG.base), p["label"].lower()))
    return {"ontology": next(iter(by_kind["ontology"].values()), None),
            "tree": class_tree(own),
            "classes": sorted(own.values(), key=lambda c: c["label"].lower()),
            "n_terms": len(terms),
            "external_classes": sorted(external.values(), key=lambda c: c["curie"]),
            "properties": [p for p in ordered if p["iri"].startswith(NKG.base) or p["comment"]],
            "others": grouped(by_kind["other"].values(), terms)}


def grouped(others, terms: dict[str, dict]) -> list[dict]:
    """Other terms (individuals, concepts of external schemes) grouped by scheme or type."""
    groups: dict[str, list] = defaultdict(list)
    for t in others:
        types = [v for v in t["props"].get(RDF.type.value, []) if v["text"] != "owl:NamedIndividual"]
        scheme = t["props"].get(SKOS.inScheme.value) or types or [{"text": "other"}]
        head = scheme[0]
        name = head.get("label") or head["text"]
        groups[local_name(name) if name.startswith("http") else name].append(t)
    for name, members in groups.items():
        members.sort(key=lambda t: t["label"].lower())
    return [{"name": name, "terms": groups[name]} for name in sorted(groups)]
