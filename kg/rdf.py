"""Records to quads: one small function per record type, all into the article's graph."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode, Quad

from kg import __version__, iris
from kg.extract.classes import top_class
from kg.model import Article, Claim, Entity, Event, Extraction, Relation, Span
from kg.vocab import DCT, NIF, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD


def article_quads(x: Extraction, model: str) -> Iterator[Quad]:
    """Every quad of one article's named graph."""
    a = x.article
    g = iris.article_graph(a.key)
    entity_iris = {e.key: entity_iri(e, a) for e in x.entities}
    event_iris = {ev.key: iris.event(a.key, ev.key) for ev in x.events}
    for s, p, o in article_triples(a, model):
        yield Quad(s, p, o, g)
    for s in x.sentences:
        for s_, p, o in span_triples(a, s, NIF.Sentence):
            yield Quad(s_, p, o, g)
    for e in x.entities:
        for s, p, o in entity_triples(e, entity_iris[e.key], a):
            yield Quad(s, p, o, g)
    for r in x.relations:
        for s, p, o in relation_triples(r, entity_iris, a):
            yield Quad(s, p, o, g)
    for ev in x.events:
        for s, p, o in event_triples(ev, event_iris[ev.key], entity_iris, a):
            yield Quad(s, p, o, g)
    for c in x.claims:
        for s, p, o in claim_triples(c, iris.claim(a.key, c.key), entity_iris, event_iris, a):
            yield Quad(s, p, o, g)


def entity_iri(e: Entity, a: Article) -> NamedNode:
    """The entity's IRI: shared across articles unless it is an unnamed, article-scoped party."""
    scope = iris.article_id(a.key) if e.scoped else None
    return iris.entity(top_class(e.cls), e.label, e.qid, e.country, scope)


def article_triples(a: Article, model: str) -> Iterator[tuple]:
    """The article node, its text as a NIF context, and the extraction run (PROV-O)."""
    node = iris.article(a.key)
    ctx = iris.context(a.key, len(a.text))
    run = iris.run(a.key, a.checksum)
    yield node, RDF.type, NKG.Article
    yield node, DCT.title, Literal(a.title)
    yield node, DCT.source, Literal(a.source)
    yield node, NKG.contentHash, Literal(a.checksum)
    yield node, NKG.hasContext, ctx
    if a.url:
        yield node, SCHEMA.url, NamedNode(a.url) if a.url.startswith("http") else Literal(a.url)
    if a.date:
        yield node, DCT.issued, date_literal(a.date)
    if a.publisher:
        yield node, DCT.publisher, Literal(a.publisher)
    yield ctx, RDF.type, NIF.Context
    yield ctx, NIF.isString, Literal(a.text)
    yield ctx, NIF.beginIndex, offset(0)
    yield ctx, NIF.endIndex, offset(len(a.text))
    yield node, PROV.wasGeneratedBy, run
    yield run, RDF.type, NKG.ExtractionRun
    yield run, PROV.endedAtTime, Literal(datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                         datatype=XSD.dateTime)
    yield run, NKG.softwareVersion, Literal(f"kg {__version__}")
    yield run, NKG.model, Literal(model)


def span_triples(a: Article, s: Span, cls: NamedNode = NKG.Mention) -> Iterator[tuple]:
    """A text span as a NIF string with offsets, exact text and its context."""
    node = iris.span(a.key, s.start, s.end)
    yield node, RDF.type, cls
    yield node, NIF.beginIndex, offset(s.start)
    yield node, NIF.endIndex, offset(s.end)
    yield node, NIF.anchorOf, Literal(s.text)
    yield node, NIF.referenceContext, iris.context(a.key, len(a.text))


def entity_triples(e: Entity, node: NamedNode, a: Article) -> Iterator[tuple]:
    """An entity: class, preferred and alternative labels, mentions, link, roles."""
    yield node, RDF.type, NKG[e.cls]
    yield node, RDFS.label, Literal(e.label)
    for alt in sorted(set(e.alt_labels) - {e.label}):
        yield node, SKOS.altLabel, Literal(alt)
    for m in e.mentions:
        yield node, NKG.mention, iris.span(a.key, m.start, m.end)
        yield from span_triples(a, m)
    for role in e.roles:
        yield node, NKG.role, Literal(role)
    if e.description:
        yield node, SCHEMA.description, Literal(e.description)
    if e.qid:
        yield node, OWL.sameAs, WD[e.qid]
        link = iris.link(a.key, e.key)
        yield node, NKG.wikidataLink, link
        yield link, RDF.type, NKG.EntityLink
        yield link, NKG.item, WD[e.qid]
        yield link, NKG.confidence, Literal(f"{e.link_confidence or 0.0:.3f}", datatype=XSD.decimal)
        yield link, NKG.linker, Literal(e.linker or "gazetteer")


def relation_triples(r: Relation, entity_iris: dict, a: Article) -> Iterator[tuple]:
    """A stated relation between two entities."""
    if r.subject in entity_iris and r.object in entity_iris:
        yield entity_iris[r.subject], NKG[r.predicate], entity_iris[r.object]


def evidence_triples(node: NamedNode, sentence: Span, trigger: Span, a: Article) -> Iterator[tuple]:
    """The evidence sentence as a string (contract) and as NIF spans with offsets."""
    yield node, NKG.evidence, Literal(sentence.text)
    yield node, NKG.evidenceSpan, iris.span(a.key, sentence.start, sentence.end)
    yield node, NKG.trigger, iris.span(a.key, trigger.start, trigger.end)
    yield from span_triples(a, trigger)
    yield node, NKG.article, iris.article(a.key)


def event_triples(ev: Event, node: NamedNode, entity_iris: dict, a: Article) -> Iterator[tuple]:
    """An event with its arguments, count, time, modality and evidence."""
    yield node, RDF.type, NKG[ev.cls]
    yield node, RDFS.label, Literal(f"{ev.cls}: {ev.trigger.text}")
    for prop, keys in ((NKG.agent, ev.agents), (NKG.target, ev.targets), (NKG.place, ev.places)):
        for k in keys:
            if k in entity_iris:
                yield node, prop, entity_iris[k]
    if ev.time:
        yield node, NKG.time, date_literal(ev.time)
    if ev.count is not None:
        yield node, NKG.count, Literal(ev.count)
        if ev.count_bound:
            yield node, NKG.countBound, NKG[ev.count_bound]
    yield node, NKG.modality, NKG[ev.modality]
    yield from evidence_triples(node, ev.sentence, ev.trigger, a)


def claim_triples(c: Claim, node: NamedNode, entity_iris: dict, event_iris: dict,
                  a: Article) -> Iterator[tuple]:
    """A claim with its source, cue, content, number, status and evidence."""
    yield node, RDF.type, NKG.Claim
    yield node, RDFS.label, Literal(f"{c.cue}: {c.text[:80]}")
    if c.source in entity_iris:
        yield node, NKG.source, entity_iris[c.source]
    yield node, NKG.cue, Literal(c.cue)
    yield node, NKG.text, Literal(c.text)
    if c.quantity is not None:
        yield node, NKG.quantity, Literal(c.quantity)
        if c.quantity_bound:
            yield node, NKG.quantityBound, NKG[c.quantity_bound]
    yield node, NKG.status, NKG[c.status]
    for k in c.about:
        if k in event_iris:
            yield node, NKG.about, event_iris[k]
    yield from evidence_triples(node, c.sentence, c.cue_span, a)


def date_literal(value: str) -> Literal:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal by the value's precision."""
    value = value[:10]
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


def offset(n: int) -> Literal:
    """A character offset as xsd:nonNegativeInteger."""
    return Literal(str(n), datatype=XSD.nonNegativeInteger)
