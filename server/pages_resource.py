"""Data for the page of any resource (entity, event, claim): its statements, roles, evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.vocab import NKG, OWL, RDF, RDFS, SCHEMA, SKOS
from server.pages_common import Term, curie, href, select, top_classes, top_of
from server.pages_highlight import Span, highlight
from server.pages_involved import involved, mentioned

# Each statement once, with how many graphs assert it and the first of them: an entity named in
# thousands of articles has its label in each. Mentions are listed as articles (pages_involved),
# the Wikidata links (one per article) in their own row (LINKS).
SHOWN_APART = "nkg:mention, nkg:wikidataLink"
OUT = f"""SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?graphs) (MIN(STR(?g)) AS ?first)
    (SAMPLE(?l) AS ?olabel) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?p NOT IN ({SHOWN_APART}))
    OPTIONAL {{ ?o rdfs:label|dct:title ?l }} }} GROUP BY ?s ?p ?o"""
# Statements by others about the resource, but not by the events and claims (listed apart).
IN = """SELECT DISTINCT ?s ?x ?p ?xlabel WHERE { ?x ?p ?s
    FILTER NOT EXISTS { ?x nkg:evidence ?ev } OPTIONAL { ?x rdfs:label|dct:title ?xlabel } }
    ORDER BY ?p ?x LIMIT %d"""
ANY_IN = """SELECT ?s ?x WHERE { ?x ?p ?s } LIMIT 1"""
INCOMING_SHOWN = 200
BLANKS = f"""SELECT ?s ?b ?p ?o WHERE {{ ?s ?q ?b . FILTER(isBlank(?b) && ?q NOT IN ({SHOWN_APART}))
    ?b ?p ?o }}"""
# Ancestors nearest first: the nearest has the most ancestors of its own.
PARENTS = """SELECT ?s ?parent (SAMPLE(?l) AS ?plabel) (COUNT(DISTINCT ?up) AS ?depth) WHERE {
    ?s nkg:parent+ ?parent OPTIONAL { ?parent rdfs:label ?l }
    OPTIONAL { ?parent nkg:parent+ ?up } } GROUP BY ?s ?parent ORDER BY DESC(?depth)"""
LINKS = """SELECT DISTINCT ?s ?item ?conf ?linker WHERE { ?s nkg:wikidataLink ?l . ?l nkg:item ?item
    OPTIONAL { ?l nkg:confidence ?conf } OPTIONAL { ?l nkg:linker ?linker } }"""
POINTS = """SELECT DISTINCT ?s ?wkt WHERE {
    { ?s geo:hasGeometry/geo:asWKT ?wkt } UNION { ?s wdt:P625 ?wkt } }"""
POINT = re.compile(r"point\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)", re.IGNORECASE)
# For an event or claim: its own evidence, and the mentions of the entities it names.
# (each OPTIONAL with its own GRAPH ?g, as in pages_involved: matched for this resource only)
OWN_EVIDENCE = """SELECT ?s ?evidence ?sb ?tb ?te ?a ?title WHERE {
  GRAPH ?g { ?s nkg:evidence ?evidence }
  OPTIONAL { GRAPH ?g { ?s nkg:evidenceSpan ?span . ?span nif:beginIndex ?sb } }
  OPTIONAL { GRAPH ?g { ?s nkg:trigger ?t . ?t nif:beginIndex ?tb ; nif:endIndex ?te } }
  OPTIONAL { GRAPH ?g { ?s nkg:article ?a . ?a dct:title ?title } } }"""
# The event's IRI written in as VALUES, not substituted: the engine plans its joins without
# substitutions, so it matched every mention of the store first (1.7 s -> 1 ms, 2,600 articles).
ARGUMENTS = """SELECT ?s ?e ?cls ?label ?b ?end WHERE { VALUES ?s { %s } GRAPH ?g {
    ?s ?p ?e . ?e nkg:mention ?m ; a ?cls ; rdfs:label ?label .
    ?m nif:beginIndex ?b ; nif:endIndex ?end } }"""

VALUES_SHOWN = 50  # values of one property listed; the RDF twin has them all


def value(term: Term, label: Term | None = None) -> dict:
    """A term ready for a template: text to show, link, kind."""
    if isinstance(term, Literal):
        dt = term.datatype.value if term.datatype and not term.language else ""
        return {"text": term.value, "href": None, "kind": "literal",
                "note": term.language or (curie(dt) if dt and not dt.endswith("#string") else "")}
    if isinstance(term, BlankNode):
        return {"text": "_:" + term.value, "href": None, "kind": "bnode", "note": ""}
    shown = label.value if label is not None else curie(term)
    return {"text": shown, "href": href(term), "kind": "iri", "note": "", "iri": term.value}


def graph_info(g: Term) -> dict:
    """A named graph as shown next to a statement: short name and link."""
    name = g.value.rsplit("/graph/", 1)[-1]
    link = href(g.value.replace("/graph/article/", "/id/article/")) if "/graph/article/" in g.value else None
    return {"text": name, "href": link}


def statements(rows: list[dict], blanks: dict[str, list]) -> list[dict]:
    """Outgoing statements grouped by property, each value once, with the first graph that
    asserts it and how many more do."""
    by_prop: dict[str, dict] = {}
    for r in rows:
        entry = by_prop.setdefault(r["p"].value, {"prop": value(r["p"]), "values": []})
        graphs = int(r["graphs"].value)
        v = {**value(r["o"], r.get("olabel")), "graphs": [graph_info(NamedNode(r["first"].value))],
             "more_graphs": graphs - 1}
        if isinstance(r["o"], BlankNode):
            v["inner"] = blanks.get(r["o"].value, [])
        entry["values"].append(v)
    out = [{"prop": e["prop"], "vals": e["values"][:VALUES_SHOWN],
            "more": max(0, len(e["values"]) - VALUES_SHOWN)} for e in by_prop.values()]
    return sorted(out, key=lambda e: (e["prop"]["iri"] != RDF.type.value, e["prop"]["text"]))


def blank_closure(iri: NamedNode) -> dict[str, list]:
    """Properties of the blank nodes the resource points at (a link node, a geometry)."""
    found: dict[str, list] = defaultdict(list)
    for r in select(BLANKS, s=iri):
        found[r["b"].value].append({"prop": value(r["p"]), "value": value(r["o"])})
    return found


def own_evidence(iri: NamedNode, tops: dict[str, str]) -> list[dict]:
    """An event's or claim's evidence sentences with trigger and named entities marked."""
    found = []
    evidence = select(OWN_EVIDENCE, s=iri)
    arguments = select(ARGUMENTS % iri) if evidence else []  # an entity has none: not asked
    for row in evidence:
        sentence = row["evidence"].value
        start = int(row["sb"].value) if "sb" in row else None
        spans = []
        if start is not None and "tb" in row:
            spans.append(Span(int(row["tb"].value) - start, int(row["te"].value) - start, "trigger"))
        for m in arguments if start is not None else []:
            top = (top_of([m["cls"]], tops) or "other").lower()
            spans.append(Span(int(m["b"].value) - start, int(m["end"].value) - start,
                              f"ent ent-{top}", href(m["e"]), m["label"].value))
        found.append({"html": highlight(sentence, spans, anchors=False), "article": href(row["a"]) if "a" in row else None,
                      "title": row["title"].value if "title" in row else ""})
    return found


def describe(iri: NamedNode) -> dict | None:
    """Everything the resource page shows, or None when the store says nothing about it."""
    out_rows = select(OUT, s=iri)
    if not out_rows and not select(ANY_IN, s=iri):
        return None
    in_rows = select(IN % INCOMING_SHOWN, s=iri)
    tops = top_classes()
    types = [r["o"] for r in out_rows if r["p"] == RDF.type]
    labels = [r["o"].value for r in out_rows if r["p"] == RDFS.label]
    return {
        "iri": iri.value, "label": labels[0] if labels else curie(iri),
        "types": dedupe(value(t, next((r.get("olabel") for r in out_rows if r["o"] == t), None))
                        for t in types),
        "top": top_of(types, tops),
        "evidence": own_evidence(iri, tops),
        "alt_labels": sorted({r["o"].value for r in out_rows if r["p"] == SKOS.altLabel}),
        "same_as": dedupe(value(r["o"]) for r in out_rows if r["p"] == OWL.sameAs),
        "links": wikidata_links(iri), "points": points(iri),
        "roles": sorted({r["o"].value for r in out_rows if r["p"] == NKG.role}),
        "descriptions": sorted({r["o"].value for r in out_rows if r["p"] == SCHEMA.description}),
        "statements": statements(out_rows, blank_closure(iri)),
        "parents": dedupe(value(r["parent"], r.get("plabel")) for r in select(PARENTS, s=iri)),
        "incoming": incoming(in_rows), "incoming_more": len(in_rows) >= INCOMING_SHOWN,
    } | mentioned(iri) | involved(iri, tops) | views_of(iri, top_of(types, tops))


def views_of(iri: NamedNode, top: str) -> dict:
    """Links into /events, /map and /timeline for an entity; the competing tolls of an event."""
    from server.pages_filters import short
    from server.viewindex import current
    from server.viewindex.events import tolls

    if top == "Event":
        return {"tolls": tolls(current(), iri.value)}
    if top not in ("Actor", "Faction", "Place"):
        return {}
    query = f"{'place' if top == 'Place' else 'party'}={quote(short(iri.value), safe=':/')}"
    return {"event_views": {"list": f"/events?{query}", "map": f"/map?{query}",
                            "timeline": f"/timeline?{query}", "data": f"/timeline.json?{query}"}}


def wikidata_links(iri: NamedNode) -> list[dict]:
    """The entity's Wikidata items, each with the linkers' confidences (one per article)."""
    items: dict[str, dict] = {}
    for r in select(LINKS, s=iri):
        item = items.setdefault(r["item"].value, {**value(r["item"]), "scores": set(), "by": set()})
        if "conf" in r:
            item["scores"].add(r["conf"].value)
        if "linker" in r:
            item["by"].add(r["linker"].value)
    return [{**i, "confidence": ", ".join(sorted(i["scores"], reverse=True)),
             "linker": ", ".join(sorted(i["by"]))} for i in items.values()]


def points(iri: NamedNode) -> list[dict]:
    """Coordinates (from WKT points) with a map link."""
    out = []
    for r in select(POINTS, s=iri):
        found = POINT.search(r["wkt"].value)
        if found:
            lon, lat = found.groups()
            out.append({"lat": lat, "lon": lon, "wkt": r["wkt"].value,
                        "map": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=9/{lat}/{lon}"})
    return dedupe([{k: v for k, v in p.items() if k != "wkt"} for p in out])


def incoming(rows: list[dict]) -> list[dict]:
    """Statements by other resources about this one (events and claims are listed apart)."""
    out = []
    for r in rows:
        item = {"subject": value(r["x"], r.get("xlabel")), "prop": value(r["p"])}
        if item not in out:
            out.append(item)
    return out


def dedupe(items) -> list:
    """The items in order, each once."""
    out: list = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
