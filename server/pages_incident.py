"""Data for an incident's page (/id/incident/...): its reports side by side, each with its
sentence, the tolls every outlet gives, and why the reports were joined."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from kg.vocab import NKG, RDF, RDFS
from server.pages_common import Term, curie, href, local_name, select
from server.pages_highlight import Span, highlight

ABOUT = """SELECT ?s ?p ?o ?olabel WHERE { GRAPH <https://w3id.org/newskg/graph/incidents> {
    ?s ?p ?o } OPTIONAL { ?o rdfs:label ?olabel } }"""
# Each report as its own article graph has it: class, sentence, date, article. Every OPTIONAL is
# one pattern (or path) in its own GRAPH ?g: pyoxigraph looks those up per row, while an OPTIONAL
# of several patterns is evaluated over the whole store and then joined (0.9 s -> 2 ms for an
# incident of 18 reports on 600 articles). The trigger's offsets come apart, in TRIGGERS.
REPORTS = """SELECT ?s ?r ?cls ?evidence ?sb ?time ?count ?a ?title ?issued ?publisher WHERE {
  GRAPH <https://w3id.org/newskg/graph/incidents> { ?s nkg:report ?r }
  GRAPH ?g { ?r a ?cls ; nkg:article ?a }
  OPTIONAL { GRAPH ?g { ?r nkg:evidence ?evidence } }
  OPTIONAL { GRAPH ?g { ?r nkg:evidenceSpan/nif:beginIndex ?sb } }
  OPTIONAL { GRAPH ?g { ?r nkg:time ?time } } OPTIONAL { GRAPH ?g { ?r nkg:count ?count } }
  OPTIONAL { GRAPH ?g { ?a dct:title ?title } } OPTIONAL { GRAPH ?g { ?a dct:issued ?issued } }
  OPTIONAL { GRAPH ?g { ?a dct:publisher ?publisher } } }"""
TRIGGERS = """SELECT ?s ?r ?tb ?te WHERE {
  GRAPH <https://w3id.org/newskg/graph/incidents> { ?s nkg:report ?r }
  GRAPH ?g { ?r nkg:trigger ?t . ?t nif:beginIndex ?tb ; nif:endIndex ?te } }"""
PLACES = """SELECT ?s ?r ?place (SAMPLE(?l) AS ?label) WHERE {
  GRAPH <https://w3id.org/newskg/graph/incidents> { ?s nkg:report ?r }
  ?r nkg:place ?place . OPTIONAL { ?place rdfs:label ?l } } GROUP BY ?s ?r ?place"""
TOLLS = """SELECT ?s ?claim ?r ?quantity ?source ?slabel ?status WHERE {
  GRAPH <https://w3id.org/newskg/graph/incidents> { ?s nkg:toll ?claim }
  ?claim nkg:about ?r .
  OPTIONAL { ?claim nkg:quantity ?quantity }
  OPTIONAL { ?claim nkg:source ?source OPTIONAL { ?source rdfs:label ?slabel } }
  OPTIONAL { ?claim nkg:status/rdfs:label ?status } }"""
JOINS = """SELECT ?s ?m ?score ?a ?b ?feature WHERE {
  GRAPH <https://w3id.org/newskg/graph/incidents> {
    ?s nkg:match ?m . ?m nkg:matchScore ?score ; nkg:matched ?a, ?b .
    FILTER(STR(?a) < STR(?b)) OPTIONAL { ?m nkg:matchFeature ?feature } } }"""


def incident_view(iri: NamedNode) -> dict | None:
    """Everything the incident page shows, or None when the store has no such incident."""
    about = select(ABOUT, s=iri)
    if not any(r["p"] == RDF.type and r["o"] == NKG.Incident for r in about):
        return None
    first = {r["p"].value: r["o"] for r in reversed(about)}
    tolls = by_report(select(TOLLS, s=iri))
    places = defaultdict(list)
    for r in select(PLACES, s=iri):
        places[r["r"].value].append({"href": href(r["place"]), "text": text(r.get("label"))
                                     or local_name(r["place"])})
    triggers = {r["r"].value: r for r in select(TRIGGERS, s=iri)}
    reports = [report(row | triggers.get(row["r"].value, {}), places, tolls)
               for row in one_row_each(select(REPORTS, s=iri))]
    reports.sort(key=lambda x: (x["issued"], x["outlet"], x["iri"]))
    classes = [r["o"] for r in about if r["p"] == RDF.type and r["o"] != NKG.Incident]
    return {
        "iri": iri.value, "label": text(first.get(RDFS.label.value)) or curie(iri),
        "classes": [{"href": href(c), "text": curie(c)} for c in classes],
        "time": text(first.get(NKG.time.value)), "latest": text(first.get(NKG.latestTime.value)),
        "score": text(first.get(NKG.matchScore.value)),
        "places": [{"href": href(r["o"]), "text": text(r.get("olabel")) or local_name(r["o"])}
                   for r in about if r["p"] == NKG.place],
        "parties": {role: [{"href": href(r["o"]), "text": text(r.get("olabel")) or local_name(r["o"])}
                           for r in about if r["p"] == prop]
                    for role, prop in (("agent", NKG.agent), ("target", NKG.target))},
        "reports": reports, "outlets": len({r["outlet"] for r in reports}),
        "tolls": sorted((t for ts in tolls.values() for t in ts if t["quantity"] is not None),
                        key=lambda t: (t["quantity"], t["source"])),
        "joins": joins(select(JOINS, s=iri), {r["iri"]: r for r in reports}),
    }


def text(term: Term | None) -> str:
    """A term's plain value ('' when absent)."""
    return term.value if term is not None else ""


def one_row_each(rows: list[dict]) -> list[dict]:
    """One row per report: the one with the most specific class (not nkg:Event)."""
    best: dict[str, dict] = {}
    for r in rows:
        key = r["r"].value
        if key not in best or best[key]["cls"] == NKG.Event:
            best[key] = r
    return list(best.values())


def by_report(rows: list[dict]) -> dict[str, list[dict]]:
    """The incident's tolls grouped by the report they are about."""
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r["r"].value].append({
            "claim": href(r["claim"]), "quantity": int(float(r["quantity"].value))
            if "quantity" in r else None,
            "source": text(r.get("slabel")) or (local_name(r["source"]) if "source" in r else
                                                "an unnamed source"),
            "source_href": href(r["source"]) if "source" in r else None,
            "status": text(r.get("status")), "report": r["r"].value})
    return out


def report(row: dict, places: dict, tolls: dict) -> dict:
    """One report as its column of the page shows it."""
    iri = row["r"].value
    return {"iri": iri, "href": href(row["r"]), "class": curie(row["cls"]),
            "sentence": sentence(row), "time": text(row.get("time")),
            "count": text(row.get("count")), "article": href(row["a"]),
            "title": text(row.get("title")), "issued": text(row.get("issued")),
            "outlet": text(row.get("publisher")), "places": places.get(iri, []),
            "tolls": tolls.get(iri, [])}


def sentence(row: dict):
    """The report's sentence with its trigger marked."""
    if "evidence" not in row:
        return ""
    spans = []
    if "sb" in row and "tb" in row:
        start = int(row["sb"].value)
        spans.append(Span(int(row["tb"].value) - start, int(row["te"].value) - start, "trigger"))
    return highlight(row["evidence"].value, spans, anchors=False)


def joins(rows: list[dict], reports: dict[str, dict]) -> list[dict]:
    """Why reports were joined: each match's two reports, score and features."""
    found: dict[str, dict] = {}
    for r in rows:
        m = found.setdefault(r["m"].value, {
            "score": r["score"].value, "features": [],
            "reports": [name(reports.get(x.value), x) for x in (r["a"], r["b"])]})
        if "feature" in r and r["feature"].value not in m["features"]:
            m["features"].append(r["feature"].value)
    return sorted(found.values(), key=lambda m: (-float(m["score"]), m["reports"]))


def name(report: dict | None, iri: NamedNode) -> str:
    """A report as a join names it: its outlet and class."""
    if report is None:
        return local_name(iri)
    return f"{report['outlet'] or report['title'] or 'article'}: {report['class']}"
