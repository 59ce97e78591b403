"""Records to quads: one small function per record type, all into the article's graph.

About 450 quads an article: the terms are looked up once (module constants below), span
IRIs are built from one per-article prefix, and quads go straight into one list.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from kg import __version__, iris
from kg.extract.classes import top_class
from kg.model import Article, Claim, Entity, Event, Extraction, Relation, Span
from kg.vocab import DCT, NIF, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD

# a kg.vocab term as an attribute goes through __getattr__ (about 1 µs a time): looked up once here
TYPE, LABEL, ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
BEGIN, END, ANCHOR, REFERENCE = NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.referenceContext
MENTION_CLASS, MENTION, ROLE = NKG.Mention, NKG.mention, NKG.role
AGENT, TARGET, PLACE = NKG.agent, NKG.target, NKG.place
EVIDENCE, EVIDENCE_SPAN, TRIGGER, ARTICLE = NKG.evidence, NKG.evidenceSpan, NKG.trigger, NKG.article
NON_NEGATIVE = XSD.nonNegativeInteger


class Spans:
    """The span IRIs of one article's text: `iris.span` with the article's prefix made once."""

    def __init__(self, a: Article) -> None:
        self.prefix = iris.span(a.key, 0, 0).value[:-len("0,0")]
        self.nodes: dict[tuple[int, int], NamedNode] = {}
        self.context = self(0, len(a.text))

    def __call__(self, start: int, end: int) -> NamedNode:
        node = self.nodes.get((start, end))
        if node is None:
            node = self.nodes[(start, end)] = NamedNode(f"{self.prefix}{start},{end}")
        return node


def article_quads(x: Extraction, model: str) -> Iterator[Quad]:
    """Every quad of one article's named graph."""
    a = x.article
    g = iris.article_graph(a.key)
    spans = Spans(a)
    entity_iris = {e.key: entity_iri(e, a) for e in x.entities}
    event_iris = {ev.key: iris.event(a.key, ev.key) for ev in x.events}
    triples: list[tuple] = []
    add = triples.append
    for t in article_triples(a, model):
        add(t)
    sentence = NIF.Sentence
    for s in x.sentences:
        span_triples(add, spans, s, sentence)
    for e in x.entities:
        entity_triples(add, spans, e, entity_iris[e.key], a)
    for r in x.relations:
        for t in relation_triples(r, entity_iris, a):
            add(t)
    article = iris.article(a.key)
    for ev in x.events:
        event_triples(add, spans, ev, event_iris[ev.key], entity_iris, article)
    for c in x.claims:
        claim_triples(add, spans, c, iris.claim(a.key, c.key), entity_iris, event_iris, article)
    return iter([Quad(s, p, o, g) for s, p, o in triples])


def entity_iri(e: Entity, a: Article) -> NamedNode:
    """The entity's IRI: shared across articles unless it is an unnamed, article-scoped party."""
    scope = iris.article_id(a.key) if e.scoped else None
    return iris.entity(top_class(e.cls), e.label, e.qid, e.country, scope)


def article_triples(a: Article, model: str) -> Iterator[tuple]:
    """The article node, its text as a NIF context, and the extraction run (PROV-O)."""
    node = iris.article(a.key)
    ctx = iris.context(a.key, len(a.text))
    checksum = a.checksum
    run = iris.run(a.key, checksum)
    yield node, TYPE, NKG.Article
    yield node, DCT.title, Literal(a.title)
    yield node, DCT.source, Literal(a.source)
    yield node, NKG.contentHash, Literal(checksum)
    yield node, NKG.hasContext, ctx
    if a.url:
        yield node, SCHEMA.url, NamedNode(a.url) if a.url.startswith("http") else Literal(a.url)
    if a.date:
        yield node, DCT.issued, date_literal(a.date)
    if a.publisher:
        yield node, DCT.publisher, Literal(a.publisher)
    yield ctx, TYPE, NIF.Context
    yield ctx, NIF.isString, Literal(a.text)
    yield ctx, BEGIN, offset(0)
    yield ctx, END, offset(len(a.text))
    yield node, PROV.wasGeneratedBy, run
    yield run, TYPE, NKG.ExtractionRun
    yield run, PROV.endedAtTime, Literal(datetime.now(UTC).isoformat(timespec="seconds"),
                                         datatype=XSD.dateTime)
    yield run, NKG.softwareVersion, Literal(f"kg {__version__}")
    yield run, NKG.model, Literal(model)


def span_triples(add, spans: Spans, s: Span, cls: NamedNode = MENTION_CLASS) -> NamedNode:
    """A text span as a NIF string with offsets, exact text and its context; its node."""
    node = spans(s.start, s.end)
    add((node, TYPE, cls))
    add((node, BEGIN, offset(s.start)))
    add((node, END, offset(s.end)))
    add((node, ANCHOR, Literal(s.text)))
    add((node, REFERENCE, spans.context))
    return node


def entity_triples(add, spans: Spans, e: Entity, node: NamedNode, a: Article) -> None:
    """An entity: class, preferred and alternative labels, mentions, link, roles."""
    add((node, TYPE, NKG[e.cls]))
    add((node, LABEL, Literal(e.label)))
    for alt in sorted(set(e.alt_labels) - {e.label}):
        add((node, ALT_LABEL, Literal(alt)))
    for m in e.mentions:
        add((node, MENTION, spans(m.start, m.end)))
        span_triples(add, spans, m)
    for role in e.roles:
        add((node, ROLE, Literal(role)))
    if e.description:
        add((node, SCHEMA.description, Literal(e.description)))
    if e.qid:
        item = WD[e.qid]
        add((node, OWL.sameAs, item))
        link = iris.link(a.key, e.key)
        add((node, NKG.wikidataLink, link))
        add((link, TYPE, NKG.EntityLink))
        add((link, NKG.item, item))
        add((link, NKG.confidence, Literal(f"{e.link_confidence or 0.0:.3f}", datatype=XSD.decimal)))
        add((link, NKG.linker, Literal(e.linker or "gazetteer")))


def relation_triples(r: Relation, entity_iris: dict, a: Article) -> Iterator[tuple]:
    """A stated relation between two entities."""
    if r.subject in entity_iris and r.object in entity_iris:
        yield entity_iris[r.subject], NKG[r.predicate], entity_iris[r.object]


def evidence_triples(add, spans: Spans, node: NamedNode, sentence: Span, trigger: Span,
                     article: NamedNode) -> None:
    """The evidence sentence as a string (contract) and as NIF spans with offsets."""
    add((node, EVIDENCE, Literal(sentence.text)))
    add((node, EVIDENCE_SPAN, spans(sentence.start, sentence.end)))
    add((node, TRIGGER, spans(trigger.start, trigger.end)))
    span_triples(add, spans, trigger)
    add((node, ARTICLE, article))


def event_triples(add, spans: Spans, ev: Event, node: NamedNode, entity_iris: dict,
                  article: NamedNode) -> None:
    """An event with its arguments, count, time, modality and evidence."""
    add((node, TYPE, NKG[ev.cls]))
    add((node, LABEL, Literal(f"{ev.cls}: {ev.trigger.text}")))
    for prop, keys in ((AGENT, ev.agents), (TARGET, ev.targets), (PLACE, ev.places)):
        for k in keys:
            if k in entity_iris:
                add((node, prop, entity_iris[k]))
    if ev.time:
        add((node, NKG.time, date_literal(ev.time)))
    if ev.count is not None:
        add((node, NKG.count, Literal(ev.count)))
        if ev.count_bound:
            add((node, NKG.countBound, NKG[ev.count_bound]))
    add((node, NKG.modality, NKG[ev.modality]))
    evidence_triples(add, spans, node, ev.sentence, ev.trigger, article)


def claim_triples(add, spans: Spans, c: Claim, node: NamedNode, entity_iris: dict,
                  event_iris: dict, article: NamedNode) -> None:
    """A claim with its source, cue, content, number, status and evidence."""
    add((node, TYPE, NKG.Claim))
    add((node, LABEL, Literal(f"{c.cue}: {c.text[:80]}")))
    if c.source in entity_iris:
        add((node, NKG.source, entity_iris[c.source]))
    add((node, NKG.cue, Literal(c.cue)))
    add((node, NKG.text, Literal(c.text)))
    if c.quantity is not None:
        add((node, NKG.quantity, Literal(c.quantity)))
        if c.quantity_bound:
            add((node, NKG.quantityBound, NKG[c.quantity_bound]))
    add((node, NKG.status, NKG[c.status]))
    for k in c.about:
        if k in event_iris:
            add((node, NKG.about, event_iris[k]))
    evidence_triples(add, spans, node, c.sentence, c.cue_span, article)


def date_literal(value: str) -> Literal:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal by the value's precision."""
    value = value[:10]
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


@lru_cache(maxsize=1 << 14)  # Literals are immutable; the same offsets recur in every article
def offset(n: int) -> Literal:
    """A character offset as xsd:nonNegativeInteger."""
    return Literal(str(n), datatype=NON_NEGATIVE)
