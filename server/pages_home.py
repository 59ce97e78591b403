"""Data for the home page: what the dataset holds."""

from __future__ import annotations

from server.pages_article import count_articles, list_articles
from server.pages_common import href, local_name, select, top_classes

# Entities are the things with mentions; events and claims are the things with a trigger.
# Each written to scan the store once: the entities first made distinct, the claims found from
# their classes, the linked ones from owl:sameAs (a few) rather than from every mention.
ENTITY_CLASSES = """SELECT ?cls (COUNT(?e) AS ?n) WHERE {
    { SELECT DISTINCT ?e WHERE { ?e nkg:mention ?m } } ?e a ?cls } GROUP BY ?cls ORDER BY DESC(?n)"""
MARKED_CLASSES = """SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {
    ?x nkg:trigger ?t ; a ?cls } GROUP BY ?cls ORDER BY DESC(?n)"""
ENTITIES = """SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE { ?e nkg:mention ?m }"""
LINKED = """SELECT (COUNT(DISTINCT ?e) AS ?linked) WHERE {
    ?e owl:sameAs ?wd FILTER EXISTS { ?e nkg:mention ?m } }"""
MARKED = """SELECT (COUNT(DISTINCT ?x) AS ?marked) WHERE { ?x nkg:trigger ?t }"""
CLAIMS = """SELECT (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?marked) AS ?marked_claims)
    WHERE { ?cls rdfs:subClassOf* nkg:Claim . ?c a ?cls .
    OPTIONAL { ?c nkg:trigger ?t BIND(?c AS ?marked) } }"""
TRIPLES = """SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"""  # distinct: the merged default graph
LATEST = 20  # articles listed on the home page; /articles pages through them all


def class_counts(query: str, tops: dict[str, str]) -> list[dict]:
    """Counts per class, each with its top class, its ontology entry and the list of its
    instances (events on /events, entities on /search)."""
    out = []
    for r in select(query):
        name, top = local_name(r["cls"]), tops.get(r["cls"].value, "")
        where = "/events" if top == "Event" else "/search"
        out.append({"name": name, "href": href(r["cls"]), "n": int(r["n"].value), "top": top,
                    "list": f"{where}?class=nkg:{name}"})
    return out


def home_view() -> dict:
    """Counts of articles, entities by class, events by class and claims; the latest articles.

    Every query here is an aggregate or a short list, so its answer is small enough for the
    answer cache (server/answers.py): the page is computed once per snapshot."""
    tops = top_classes()
    marked = class_counts(MARKED_CLASSES, tops)
    n = {k: int(v.value) for query in (ENTITIES, LINKED, MARKED, CLAIMS)
         for k, v in select(query)[0].items()}
    return {"articles": list_articles(LATEST), "article_count": count_articles(),
            "entity_classes": class_counts(ENTITY_CLASSES, tops),
            "event_classes": [c for c in marked if c["top"] != "Claim"],
            "entities": n["entities"], "linked": n["linked"], "claims": n["claims"],
            "events": n["marked"] - n["marked_claims"],  # marked, and not claims
            "triples": int(select(TRIPLES)[0]["n"].value)}
