"""Data for the page of any resource (entity, event, claim): its statements, roles, evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.vocab import NKG, OWL, RDF, RDFS, SCHEMA, SKOS
from server.pages_common import Term, curie, href, local_name, select, top_classes, top_of
from server.pages_highlight import Span, highlight

OUT = """SELECT ?s ?g ?p ?o ?olabel WHERE {
    GRAPH ?g { ?s ?p ?o } OPTIONAL { ?o rdfs:label|dct:title ?olabel } }"""
IN = """SELECT ?s ?g ?x ?p ?xlabel WHERE {
    GRAPH ?g { ?x ?p ?s } OPTIONAL { ?x rdfs:label|dct:title ?xlabel } }"""
BLANKS = """SELECT ?s ?b ?p ?o WHERE { ?s ?q ?b . FILTER(isBlank(?b)) ?b ?p ?o }"""
# Ancestors nearest first: the nearest has the most ancestors of its own.
PARENTS = """SELECT ?s ?parent (SAMPLE(?l) AS ?plabel) (COUNT(DISTINCT ?up) AS ?depth) WHERE {
    ?s nkg:parent+ ?parent OPTIONAL { ?parent rdfs:label ?l }
    OPTIONAL { ?parent nkg:parent+ ?up } } GROUP BY ?s ?parent ORDER BY DESC(?depth)"""
LINKS = """SELECT ?s ?item ?conf ?linker WHERE { ?s nkg:wikidataLink ?l . ?l nkg:item ?item
    OPTIONAL { ?l nkg:confidence ?conf } OPTIONAL { ?l nkg:linker ?linker } }"""
POINTS = """SELECT DISTINCT ?s ?wkt WHERE {
    { ?s geo:hasGeometry/geo:asWKT ?wkt } UNION { ?s wdt:P625 ?wkt } }"""
POINT = re.compile(r"point\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)", re.IGNORECASE)
# Events and claims pointing at the resource, with their evidence and where it sits.
INVOLVED = """SELECT ?s ?x ?role ?cls ?xlabel ?evidence ?sb ?tb ?te ?a ?title ?status WHERE {
  GRAPH ?g { ?x ?role ?s ; nkg:evidence ?evidence ; a ?cls .
    OPTIONAL { ?x rdfs:label ?xlabel }
    OPTIONAL { ?x nkg:evidenceSpan/nif:beginIndex ?sb }
    OPTIONAL { ?x nkg:trigger ?t . ?t nif:beginIndex ?tb ; nif:endIndex ?te }
    OPTIONAL { ?x nkg:article ?a . ?a dct:title ?title } }
  OPTIONAL { ?x nkg:status/rdfs:label ?status } }"""
MENTIONED = """SELECT ?s ?a ?title (COUNT(DISTINCT ?m) AS ?n) WHERE {
    GRAPH ?g { ?s nkg:mention ?m . ?a a nkg:Article ; dct:title ?title } }
    GROUP BY ?s ?a ?title ORDER BY DESC(?n)"""
OWN_MENTIONS = """SELECT ?s ?a ?b ?e WHERE {
    GRAPH ?g { ?s nkg:mention ?m . ?m nif:beginIndex ?b ; nif:endIndex ?e . ?a a nkg:Article } }"""
# For an event or claim: its own evidence, and the mentions of the entities it names.
OWN_EVIDENCE = """SELECT ?s ?evidence ?sb ?tb ?te ?a ?title WHERE {
  GRAPH ?g { ?s nkg:evidence ?evidence .
    OPTIONAL { ?s nkg:evidenceSpan/nif:beginIndex ?sb }
    OPTIONAL { ?s nkg:trigger ?t . ?t nif:beginIndex ?tb ; nif:endIndex ?te }
    OPTIONAL { ?s nkg:article ?a . ?a dct:title ?title } } }"""
ARGUMENTS = """SELECT ?s ?e ?cls ?label ?b ?end WHERE { GRAPH ?g {
    ?s ?p ?e . ?e nkg:mention ?m ; a ?cls ; rdfs:label ?label .
    ?m nif:beginIndex ?b ; nif:endIndex ?end } }"""

HIDDEN = {NKG.mention.value}  # shown as the list of articles instead of one row per span


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
    """Outgoing statements grouped by property, each value once, with graphs noted."""
    by_prop: dict[str, dict] = {}
    for r in rows:
        if r["p"].value in HIDDEN:
            continue
        entry = by_prop.setdefault(r["p"].value, {"prop": value(r["p"]), "values": {}})
        key = str(r["o"])
        v = entry["values"].setdefault(key, {**value(r["o"], r.get("olabel")), "graphs": []})
        info = graph_info(r["g"])
        if info not in v["graphs"]:
            v["graphs"].append(info)
        if isinstance(r["o"], BlankNode):
            v["inner"] = blanks.get(r["o"].value, [])
    out = [{"prop": e["prop"], "vals": list(e["values"].values())} for e in by_prop.values()]
    return sorted(out, key=lambda e: (e["prop"]["iri"] != RDF.type.value, e["prop"]["text"]))


def blank_closure(iri: NamedNode) -> dict[str, list]:
    """Properties of the blank nodes the resource points at (a link node, a geometry)."""
    found: dict[str, list] = defaultdict(list)
    for r in select(BLANKS, s=iri):
        found[r["b"].value].append({"prop": value(r["p"]), "value": value(r["o"])})
    return found


def involvement(iri: NamedNode, tops: dict[str, str]) -> dict[str, list]:
    """Events and claims that name the resource, grouped, with evidence highlighted."""
    mentions = select(OWN_MENTIONS, s=iri)
    found: dict[str, dict] = {}
    for r in select(INVOLVED, s=iri):
        x = found.setdefault(r["x"].value, {
            "href": href(r["x"]), "label": r["xlabel"].value if "xlabel" in r else curie(r["x"]),
            "roles": [], "classes": [], "article": href(r["a"]) if "a" in r else None,
            "title": r["title"].value if "title" in r else "", "row": r,
            "status": r["status"].value if "status" in r else ""})
        role = local_name(r["role"])
        if role not in x["roles"]:
            x["roles"].append(role)
        if r["cls"] not in x["classes"]:
            x["classes"].append(r["cls"])
    events, claims = [], []
    for x in found.values():
        top = top_of(x["classes"], tops)
        named = [c for c in x["classes"] if c != NKG.Claim] or x["classes"]
        x["class_name"] = local_name(named[0])
        x["evidence_html"] = evidence_html(x.pop("row"), mentions)
        (claims if top == "Claim" else events).append(x)
    return {"events": events, "claims": claims}


def evidence_html(row: dict, mentions: list[dict]):
    """The evidence sentence with the trigger and the resource's own mentions marked."""
    sentence = row["evidence"].value
    if "sb" not in row:
        return highlight(sentence, [], anchors=False)
    start = int(row["sb"].value)
    spans = []
    if "tb" in row:
        spans.append(Span(int(row["tb"].value) - start, int(row["te"].value) - start, "trigger"))
    for m in mentions:
        if "a" in row and m["a"] == row["a"]:
            b, e = int(m["b"].value) - start, int(m["e"].value) - start
            spans.append(Span(b, e, "ent self"))
    return highlight(sentence, spans, anchors=False)


def own_evidence(iri: NamedNode, tops: dict[str, str]) -> list[dict]:
    """An event's or claim's evidence sentences with trigger and named entities marked."""
    found = []
    arguments = select(ARGUMENTS, s=iri)
    for row in select(OWN_EVIDENCE, s=iri):
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
    out_rows, in_rows = select(OUT, s=iri), select(IN, s=iri)
    if not out_rows and not in_rows:
        return None
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
        "articles": [{"href": href(r["a"]), "title": r["title"].value, "n": int(r["n"].value)}
                     for r in select(MENTIONED, s=iri)],
    } | without_involved(involvement(iri, tops), incoming(in_rows)) | views_of(iri, top_of(types, tops))


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


def without_involved(involved: dict[str, list], inbound: list[dict]) -> dict[str, list]:
    """Events, claims, and the other incoming statements (those not from an event or claim)."""
    seen = {x["href"] for group in involved.values() for x in group}
    return {**involved, "incoming": [i for i in inbound if i["subject"]["href"] not in seen]}


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
