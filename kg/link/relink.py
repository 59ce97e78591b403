"""`kg link`: link the entities of an existing store again, without re-extracting.

For each article graph: read its entities (classes, labels, alt labels), link the
unlinked ones with the current gazetteer, and rewrite the graph in one transaction with
the new wd-based IRIs, owl:sameAs and the link node; facts go to the shared graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from kg import incidents, iris, store
from kg.extract.classes import SUBCLASS_OF, top_class
from kg.link import LINKER, link_entities
from kg.link.gazetteer import load_gazetteer
from kg.link.resolve import Reading
from kg.model import Entity, Relation, Span
from kg.vocab import NIF, NKG, OWL, RDF, RDFS, SKOS, WD, XSD

SCOPED = re.compile(r"/id/(?:actor|faction|place)/a[0-9a-f]{16}/")


@dataclass
class RelinkSummary:
    """What one `kg link` run did."""

    graphs: int = 0
    linked: int = 0

    def line(self) -> str:
        """One line for the terminal."""
        return f"{self.linked} entities newly linked in {self.graphs} article graphs"


def article_graphs(db: Store) -> list[NamedNode]:
    """The named graphs that hold an article."""
    return sorted({q.graph_name for q in db.quads_for_pattern(None, RDF.type, NKG.Article, None)
                   if isinstance(q.graph_name, NamedNode)}, key=lambda g: g.value)


ENTITY_PREDICATES = {RDFS.label: "label", SKOS.altLabel: "alt", NKG.role: "roles",
                     NKG.mention: "mentions"}


def read_entities(quads: list[Quad]) -> list[Entity]:
    """The graph's entities as records (key = IRI), linked ones with their QID, with their
    mentions (offsets into the article text) and roles."""
    info: dict[str, dict] = {}
    spans = text_spans(quads)
    for q in quads:
        s, d = q.subject.value, None
        if q.predicate == RDF.type and isinstance(q.object, NamedNode) \
                and q.object.value.startswith(NKG.base):
            name = q.object.value[len(NKG.base):]
            if name in SUBCLASS_OF and top_class(name) in ("Actor", "Faction", "Place"):
                info.setdefault(s, {})["cls"] = name
        elif q.predicate in ENTITY_PREDICATES:
            d = info.setdefault(s, {})
            key = ENTITY_PREDICATES[q.predicate]
            value = spans.get(q.object.value) if key == "mentions" else q.object.value
            if key == "label":
                d["label"] = value
            elif value is not None:
                d.setdefault(key, []).append(value)
        elif q.predicate == OWL.sameAs and q.object.value.startswith(WD.base):
            info.setdefault(s, {})["qid"] = q.object.value[len(WD.base):]
    return [Entity(key=s, cls=d["cls"], label=d["label"],
                   mentions=tuple(sorted(set(d.get("mentions", ())), key=lambda m: m.start)),
                   alt_labels=tuple(sorted(d.get("alt", ()))), qid=d.get("qid"),
                   scoped=bool(SCOPED.search(s)), roles=tuple(sorted(d.get("roles", ()))))
            for s, d in info.items() if "cls" in d and "label" in d]


def text_spans(quads: list[Quad]) -> dict[str, Span]:
    """NIF spans of the graph by node IRI (begin, end, anchor)."""
    parts: dict[str, dict] = {}
    for q in quads:
        if q.predicate in (NIF.beginIndex, NIF.endIndex, NIF.anchorOf):
            parts.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
    return {k: Span(int(p[NIF.beginIndex.value]), int(p[NIF.endIndex.value]),
                    p.get(NIF.anchorOf.value, ""))
            for k, p in parts.items() if NIF.beginIndex.value in p and NIF.endIndex.value in p}


def read_reading(quads: list[Quad]) -> Reading:
    """The article's text, sentences and stated relations, as the linker reads them."""
    text = next((q.object.value for q in quads if q.predicate == NIF.isString), "")
    spans = text_spans(quads)
    sentences = tuple(sorted((spans[q.subject.value] for q in quads if q.predicate == RDF.type
                              and q.object == NIF.Sentence and q.subject.value in spans),
                             key=lambda s: s.start))
    relations = tuple(Relation(q.subject.value, q.predicate.value[len(NKG.base):],
                               q.object.value, Span(0, 0, ""))
                      for q in quads if q.predicate in (NKG.memberOf, NKG.leaderOf))
    return Reading(text, sentences, relations)


def rewrite(quads: list[Quad], old: Entity, new: Entity, graph: NamedNode) -> list[Quad]:
    """The graph's quads with the entity under its new IRI, class and link."""
    was, now = NamedNode(old.key), iris.entity(top_class(new.cls), new.label, new.qid)
    out = []
    for q in quads:
        if q.subject == was and q.predicate in (RDF.type, RDFS.label, SKOS.altLabel):
            continue  # class, label and alt labels come anew from the linked record
        s = now if q.subject == was else q.subject
        o = now if q.object == was else q.object
        out.append(Quad(s, q.predicate, o, graph))
    link = BlankNode()
    out += [Quad(now, SKOS.altLabel, Literal(alt), graph) for alt in new.alt_labels]
    out += [Quad(s, p, o, graph) for s, p, o in (
        (now, RDFS.label, Literal(new.label)),
        (now, RDF.type, NKG[new.cls]), (now, OWL.sameAs, WD[new.qid]),
        (now, NKG.wikidataLink, link), (link, RDF.type, NKG.EntityLink),
        (link, NKG.item, WD[new.qid]),
        (link, NKG.confidence, Literal(f"{new.link_confidence or 0.0:.3f}", datatype=XSD.decimal)),
        (link, NKG.linker, Literal(new.linker or LINKER)))]
    return out


def relink(store_dir: Path, online: bool = False) -> RelinkSummary:
    """Link what is unlinked in every article graph of a store; publish a snapshot."""
    db = store.open_store(store_dir)
    gaz = load_gazetteer()
    summary = RelinkSummary()
    for graph in article_graphs(db):
        quads = list(db.quads_for_pattern(None, None, None, graph))
        entities, reading = tuple(read_entities(quads)), read_reading(quads)
        if online:
            from kg.link.wikidata import learn_unknown

            gaz = learn_unknown(entities, gaz, reading=reading)
        linked, shared = link_entities(entities, gaz, reading)
        changed = [(old, new) for old, new in zip(entities, linked) if new.qid and not old.qid]
        if not changed:
            continue
        for old, new in changed:
            quads = rewrite(quads, old, new, graph)
        incidents.write(db, {graph: quads}, shared)  # one transaction, with its incidents
        summary.graphs += 1
        summary.linked += len(changed)
    store.publish_snapshot(db, store_dir)
    del db
    return summary
