"""Data for the article pages: the list, the highlighted text, its entities, events and claims."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from kg import iris
from kg.vocab import NKG
from server.pages_common import Term, href, local_name, select, top_classes, top_of
from server.pages_highlight import Span, highlight

ARTICLES = """SELECT ?a ?title ?issued ?publisher ?source WHERE {
    ?a a nkg:Article ; dct:title ?title .
    OPTIONAL { ?a dct:issued ?issued } OPTIONAL { ?a dct:publisher ?publisher }
    OPTIONAL { ?a dct:source ?source }
} ORDER BY DESC(?issued) ?title ?a"""
ARTICLE_COUNT = """SELECT (COUNT(?a) AS ?n) WHERE { ?a a nkg:Article ; dct:title ?title }"""

META = """SELECT ?a ?g ?title ?issued ?publisher ?source ?url ?text WHERE {
    GRAPH ?g { ?a dct:title ?title .
      OPTIONAL { ?a nkg:hasContext ?ctx . ?ctx nif:isString ?text }
      OPTIONAL { ?a dct:issued ?issued } OPTIONAL { ?a dct:publisher ?publisher }
      OPTIONAL { ?a dct:source ?source } OPTIONAL { ?a schema:url ?url } }
} LIMIT 1"""

MENTIONS = """SELECT ?g ?e ?cls ?label ?b ?end WHERE { GRAPH ?g {
    ?e nkg:mention ?m ; a ?cls ; rdfs:label ?label .
    ?m nif:beginIndex ?b ; nif:endIndex ?end } }"""

# Everything said about the events and claims of the article (those with a trigger span).
MARKED = """SELECT ?g ?x ?p ?o ?olabel ?b ?end WHERE { GRAPH ?g {
    ?x nkg:trigger ?t . ?t nif:beginIndex ?b ; nif:endIndex ?end . ?x ?p ?o }
    OPTIONAL { ?o rdfs:label ?olabel } }"""

ENTITIES = """SELECT ?g ?e ?cls ?label (COUNT(DISTINCT ?m) AS ?n) (SAMPLE(?wd) AS ?item) WHERE {
    GRAPH ?g { ?e nkg:mention ?m ; a ?cls ; rdfs:label ?label }
    OPTIONAL { GRAPH ?g { ?e owl:sameAs ?wd } }
} GROUP BY ?g ?e ?cls ?label ORDER BY DESC(?n) ?label"""


def count_articles() -> int:
    """How many articles the store holds (those with a title, as listed)."""
    return int(select(ARTICLE_COUNT)[0]["n"].value)


def list_articles(limit: int, offset: int = 0) -> list[dict]:
    """Articles with title, date, publisher and source, newest first: `limit` from `offset`."""
    query = f"{ARTICLES} LIMIT {int(limit)} OFFSET {int(offset)}"  # SPARQL binds no numbers there
    return [{"href": href(r["a"]), **{k: v.value for k, v in r.items() if k != "a"}}
            for r in select(query)]


def article_ids(article_id: str) -> tuple[NamedNode, NamedNode]:
    """The article's node and its named graph from its short id."""
    return NamedNode(f"{iris.ID}article/{article_id}"), NamedNode(f"{iris.GRAPH}article/{article_id}")


def article_view(article_id: str) -> dict | None:
    """Everything the article page shows, or None if there is no such article."""
    node, graph = article_ids(article_id)
    meta = select(META, a=node, g=graph)
    if not meta:
        return None
    tops = top_classes()
    mentions = select(MENTIONS, g=graph)
    marked = group_marked(select(MARKED, g=graph), tops)
    text = meta[0]["text"].value if "text" in meta[0] else ""
    spans = mention_spans(mentions, tops) + trigger_spans(marked, tops)
    for x in marked.values():
        x["trigger_text"] = text[x["begin"]:x["end"]]
    events = [x for x in marked.values() if x["top"] != "Claim"]
    claims = [x for x in marked.values() if x["top"] == "Claim"]
    return {"iri": node.value, "graph": graph.value,
            **{k: v.value for k, v in meta[0].items() if k not in ("text", "a", "g")},
            "text_html": highlight(text, spans), "has_text": bool(text),
            "entities": entity_rows(select(ENTITIES, g=graph), tops),
            "events": sorted(events, key=lambda x: x["begin"]),
            "claims": sorted(claims, key=lambda x: x["begin"])}


def mention_spans(rows: list[dict], tops: dict[str, str]) -> list[Span]:
    """A highlight span per entity mention, coloured by the entity's top class."""
    spans = []
    for r in rows:
        top = top_of([r["cls"]], tops).lower() or "other"
        spans.append(Span(int(r["b"].value), int(r["end"].value), f"ent ent-{top}",
                          href(r["e"]), f"{local_name(r['cls'])}: {r['label'].value}"))
    return spans


def trigger_spans(marked: dict[str, dict], tops: dict[str, str]) -> list[Span]:
    """A highlight span per event trigger and claim cue."""
    spans = []
    for x in marked.values():
        css = "cue" if x["top"] == "Claim" else "trigger"
        spans.append(Span(x["begin"], x["end"], css, x["href"], x["class_name"]))
    return spans


def group_marked(rows: list[dict], tops: dict[str, str]) -> dict[str, dict]:
    """Rows of (event or claim, property, value) grouped into one record per event or claim."""
    found: dict[str, dict] = {}
    for r in rows:
        x = found.setdefault(r["x"].value, {
            "iri": r["x"].value, "href": href(r["x"]), "begin": int(r["b"].value),
            "end": int(r["end"].value), "props": defaultdict(list)})
        values = x["props"][local_name(r["p"])]
        value = {"term": r["o"], "label": r["olabel"].value if "olabel" in r else None,
                 "href": href(r["o"])}
        if all(v["term"] != value["term"] for v in values):
            values.append(value)
    for x in found.values():
        classes: list[Term] = [v["term"] for v in x["props"].get("type", [])]
        x["top"] = top_of(classes, tops) or ("Claim" if "/claim-" in x["iri"] else "Event")
        named = [c for c in classes if c != NKG.Claim] or classes
        x["class_name"] = local_name(named[0]) if named else x["top"]
        x["class_href"] = href(named[0]) if named else None
    return found


def entity_rows(rows: list[dict], tops: dict[str, str]) -> list[dict]:
    """The article's entities for the table: label, class, mentions, Wikidata item."""
    return [{"href": href(r["e"]), "label": r["label"].value, "class_name": local_name(r["cls"]),
             "class_href": href(r["cls"]), "top": (top_of([r["cls"]], tops) or "other").lower(),
             "mentions": int(r["n"].value), "item": r["item"].value if "item" in r else None}
            for r in rows]
