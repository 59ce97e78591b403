"""The long lists of an entity's page, a page at a time: the events and claims that name it
(evidence highlighted) and the articles that mention it, each with its total.

An entity named in thousands of articles (a country) would otherwise list every mention. The
totals are aggregates and each page a short list, so the answer cache keeps both per snapshot.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.vocab import NKG
from server import pages_paging
from server.pages_common import curie, href, local_name, select, top_of
from server.pages_highlight import Span, highlight

EVENTS_PER_PAGE, ARTICLES_PER_PAGE = 50, 100
IS_CLAIM = "EXISTS { ?x a/rdfs:subClassOf* nkg:Claim }"
NAMING = "?x ?role ?s FILTER EXISTS { ?x nkg:evidence ?ev }"  # an event or claim naming ?s
INVOLVED_COUNT = f"""SELECT ?s (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {NAMING} %s }} GROUP BY ?s"""
# One page of the events (or claims) naming the resource, newest first; then what is said of
# them, with the resource's own mentions in the same article (to mark them in the evidence).
# No subqueries: a remote store gets the bindings as a VALUES block opening the WHERE group.
# Each OPTIONAL holds its own GRAPH ?g: one inside GRAPH ?g { } is matched in every graph first.
INVOLVED_PAGE = f"""SELECT ?s ?x (MAX(STR(?t)) AS ?when) WHERE {{ {NAMING} FILTER(%s)
    OPTIONAL {{ ?x nkg:time ?t }} }} GROUP BY ?s ?x ORDER BY DESC(?when) ?x"""
# Each OPTIONAL one pattern or path in its own GRAPH ?g: pyoxigraph looks those up per row; an
# OPTIONAL of several patterns it evaluates over the whole store, then joins. The trigger and the
# resource's own mentions (pairs of offsets, not one path) come apart, in TRIGGERS and MENTIONS.
INVOLVED = """SELECT ?s ?x ?role ?cls ?xlabel ?evidence ?sb ?a ?title ?status
WHERE { VALUES ?x { %s }
  GRAPH ?g { ?x ?role ?s ; nkg:evidence ?evidence ; a ?cls }
  OPTIONAL { GRAPH ?g { ?x rdfs:label ?xlabel } }
  OPTIONAL { GRAPH ?g { ?x nkg:evidenceSpan/nif:beginIndex ?sb } }
  OPTIONAL { GRAPH ?g { ?x nkg:article ?a } }
  OPTIONAL { GRAPH ?g { ?x nkg:article/dct:title ?title } }
  OPTIONAL { ?x nkg:status/rdfs:label ?status } }"""
TRIGGERS = """SELECT ?x ?tb ?te WHERE { VALUES ?x { %s }
    ?x nkg:trigger ?t . ?t nif:beginIndex ?tb ; nif:endIndex ?te }"""
MENTIONS = """SELECT ?s ?x ?mb ?me WHERE { VALUES ?x { %s }
    GRAPH ?g { ?x nkg:evidence ?evidence . ?s nkg:mention ?m . ?m nif:beginIndex ?mb ; nif:endIndex ?me } }"""
# One article per article graph, and only article graphs hold mentions: the graphs are counted,
# not joined to their article (the most mentioned entity on 6,000 articles: 0.16 s -> 5 ms).
MENTION_COUNT = """SELECT ?s (COUNT(DISTINCT ?g) AS ?articles) (COUNT(DISTINCT ?m) AS ?mentions)
    WHERE { GRAPH ?g { ?s nkg:mention ?m } } GROUP BY ?s"""
MENTIONED = """SELECT ?s ?a ?title (COUNT(DISTINCT ?m) AS ?n) WHERE {
    GRAPH ?g { ?s nkg:mention ?m . ?a a nkg:Article ; dct:title ?title } }
    GROUP BY ?s ?a ?title ORDER BY DESC(?n) ?title ?a"""


def involved(iri: NamedNode, tops: dict[str, str]) -> dict:
    """This page of the events and of the claims that name the resource, with their totals."""
    every, claims = (count(INVOLVED_COUNT % test, iri) for test in ("", f"FILTER({IS_CLAIM})"))
    out = {}
    for kind, total, test in (("events", every - claims, f"!{IS_CLAIM}"),
                              ("claims", claims, IS_CLAIM)):
        page = pages_paging.number(f"{kind}_page")
        out[kind] = involved_page(iri, test, page, tops) if total else []
        out[f"{kind}_nav"] = pages_paging.nav(total, EVENTS_PER_PAGE, page, f"{kind}_page")
    return out


def count(query: str, iri: NamedNode) -> int:
    """The one count a query grouped by ?s gives (0 when it has no row)."""
    found = select(query, s=iri)
    return int(found[0]["n"].value) if found else 0


def involved_page(iri: NamedNode, test: str, page: int, tops: dict[str, str]) -> list[dict]:
    """One page of events (or claims: `test` picks which) naming the resource, grouped."""
    listed = select(f"{INVOLVED_PAGE % test} LIMIT {EVENTS_PER_PAGE} OFFSET "
                    f"{(page - 1) * EVENTS_PER_PAGE}", s=iri)
    if not listed:
        return []
    found: dict[str, dict] = {r["x"].value: {} for r in listed}  # in the page's order
    values = " ".join(str(r["x"]) for r in listed)
    triggers = {r["x"].value: r for r in select(TRIGGERS % values)}
    for r in select(INVOLVED % values, s=iri):
        r = r | {k: v for k, v in triggers.get(r["x"].value, {}).items() if k != "x"}
        x = found[r["x"].value]
        if not x:
            x.update(first_row(r))
        role = local_name(r["role"])
        if role not in x["roles"]:
            x["roles"].append(role)
        if r["cls"] not in x["classes"]:
            x["classes"].append(r["cls"])
    for r in select(MENTIONS % values, s=iri):
        if found[r["x"].value]:
            found[r["x"].value]["mentions"].add((int(r["mb"].value), int(r["me"].value)))
    for x in (x for x in found.values() if x):
        named = [c for c in x["classes"] if c != NKG.Claim] or x["classes"]
        x["class_name"] = local_name(named[0])
        x["top"] = top_of(x["classes"], tops)
        x["evidence_html"] = evidence_html(x.pop("row"), sorted(x.pop("mentions")))
    return [x for x in found.values() if x]


def first_row(r: dict) -> dict:
    """An event's or claim's entry, from the first row said of it."""
    return {"href": href(r["x"]), "label": r["xlabel"].value if "xlabel" in r else curie(r["x"]),
            "roles": [], "classes": [], "article": href(r["a"]) if "a" in r else None,
            "title": r["title"].value if "title" in r else "", "row": r, "mentions": set(),
            "status": r["status"].value if "status" in r else ""}


def evidence_html(row: dict, mentions: list[tuple[int, int]]):
    """The evidence sentence with the trigger and the resource's own mentions marked."""
    sentence = row["evidence"].value
    if "sb" not in row:
        return highlight(sentence, [], anchors=False)
    start = int(row["sb"].value)
    spans = []
    if "tb" in row:
        spans.append(Span(int(row["tb"].value) - start, int(row["te"].value) - start, "trigger"))
    spans += [Span(b - start, e - start, "ent self") for b, e in mentions]
    return highlight(sentence, spans, anchors=False)


def mentioned(iri: NamedNode) -> dict:
    """This page of the articles that mention the resource (most mentions first), with totals."""
    counts = select(MENTION_COUNT, s=iri)
    articles, mentions = ((int(counts[0][k].value) for k in ("articles", "mentions"))
                          if counts else (0, 0))
    page = pages_paging.number("articles_page")
    rows = select(f"{MENTIONED} LIMIT {ARTICLES_PER_PAGE} OFFSET "
                  f"{(page - 1) * ARTICLES_PER_PAGE}", s=iri) if articles else []
    return {"articles": [{"href": href(r["a"]), "title": r["title"].value, "n": int(r["n"].value)}
                         for r in rows],
            "articles_nav": pages_paging.nav(articles, ARTICLES_PER_PAGE, page, "articles_page"),
            "mention_count": mentions}
