"""Reports: the article-level events an incident is made of, read from an article graph's quads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pyoxigraph import Literal, NamedNode, Quad

from kg import iris
from kg.extract.classes import SUBCLASS_OF, is_a
from kg.extract.dates import weeks_back
from kg.vocab import DCT, NKG, RDF

EVENT_PREFIX = iris.ID + "article/"
ABOUT, TYPE = NKG.about, RDF.type
ASSERTED = NKG.asserted
SCOPED = re.compile(r"/id/(?:actor|faction|place)/a[0-9a-f]{16}/")  # as kg.iris.entity scopes them


@dataclass(frozen=True)
class Report:
    """One article-level event as matching sees it: class, places, dates, parties, count."""

    iri: NamedNode
    article: NamedNode | None
    cls: str
    places: tuple[NamedNode, ...] = ()
    time: Literal | None = None  # the event's own nkg:time, any precision
    lo: date | None = None  # the days it may have happened on: [lo, hi]
    hi: date | None = None
    by_article: bool = False  # dated by its article (no day of its own)
    by_week: bool = False  # dated only by "last week", "a week earlier": the week before it
    agents: frozenset[NamedNode] = frozenset()
    targets: frozenset[NamedNode] = frozenset()
    count: int | None = None
    asserted: bool = True
    evidence: str = ""
    tolls: tuple[NamedNode, ...] = ()  # claims about it
    article_events: tuple[tuple[NamedNode, ...], ...] = ()  # each event of its article: places

    @property
    def article_places(self) -> tuple[NamedNode, ...]:
        """The places of every event of its article."""
        return tuple(sorted({p for ev in self.article_events for p in ev}, key=lambda p: p.value))

    @property
    def named_agents(self) -> frozenset[NamedNode]:
        """Agents that are named parties, not an article's unnamed 'gunmen'."""
        return frozenset(a for a in self.agents if not SCOPED.search(a.value))


def graph_of(event: NamedNode) -> NamedNode:
    """The article graph an event IRI (.../id/article/<id>/event/...) belongs to."""
    article_id = event.value[len(EVENT_PREFIX):].split("/", 1)[0]
    return NamedNode(f"{iris.GRAPH}article/{article_id}")


def event_class(types: Iterable[NamedNode]) -> str | None:
    """The nkg event class among an event's rdf:types, if any."""
    names = [t.value[len(NKG.base):] for t in types if t.value.startswith(NKG.base)]
    found = sorted(n for n in names if n in SUBCLASS_OF and is_a(n, "Event"))
    return found[0] if found else None


def day(value: Literal | None) -> date | None:
    """The day an xsd:date literal names (None for a month, a year or no value)."""
    if value is None or len(value.value) != 10:
        return None
    try:
        return date.fromisoformat(value.value)
    except ValueError:
        return None


def make(iri: NamedNode, props: dict[NamedNode, list], issued: Literal | None, tolls: Iterable,
         lag_days: int, article_events: tuple[tuple[NamedNode, ...], ...] = ()) -> Report | None:
    """A report from an event's properties (predicate -> objects), or None if it is no event;
    `article_events`: the places of each event of its article (`place_groups`)."""
    cls = event_class(props.get(TYPE, ()))
    if cls is None:
        return None
    time = min(props.get(NKG.time, ()), key=lambda t: t.value, default=None)
    evidence = min((e.value for e in props.get(NKG.evidence, ())), default="")
    lo = hi = day(time)
    by_article = by_week = False
    back = weeks_back(evidence, day(issued)) if lo is None and time is None else None
    if back is not None:  # "last week, air strikes on the market ...": the week before
        (lo, hi), by_week = back, True
    elif lo is None and day(issued) is not None and (time is None or day(issued).isoformat()
                                                     .startswith(time.value)):
        # no day of its own (and no month or year that rules the article's date out)
        hi, by_article = day(issued), True
        lo = hi - timedelta(days=lag_days)
    counts = [int(c.value) for c in props.get(NKG.count, ()) if c.value.lstrip("-").isdigit()]
    articles = props.get(NKG.article, ())
    return Report(
        iri=iri, article=articles[0] if articles else None, cls=cls,
        places=tuple(sorted(set(props.get(NKG.place, ())), key=lambda p: p.value)),
        time=time, lo=lo, hi=hi, by_article=by_article, by_week=by_week,
        agents=frozenset(props.get(NKG.agent, ())), targets=frozenset(props.get(NKG.target, ())),
        count=max(counts) if counts else None,
        asserted=all(m == ASSERTED for m in props.get(NKG.modality, ())),
        evidence=evidence,
        tolls=tuple(sorted(set(tolls), key=lambda c: c.value)),
        article_events=article_events)


def place_groups(events: Iterable[Iterable[NamedNode]]) -> tuple[tuple[NamedNode, ...], ...]:
    """Each event's places, sorted, in a fixed order (what `make` takes for an article)."""
    groups = {tuple(sorted(set(ev), key=lambda p: p.value)) for ev in events}
    return tuple(sorted((g for g in groups if g), key=lambda g: [p.value for p in g]))


def reports_in(quads: Iterable[Quad], lag_days: int) -> list[Report]:
    """Every report in one article graph's quads (events with their article's date and tolls)."""
    props: dict[NamedNode, dict[NamedNode, list]] = {}
    issued = None
    tolls: dict[NamedNode, list] = {}
    for q in quads:
        if q.predicate == DCT.issued:
            issued = q.object
        elif q.predicate == ABOUT:
            tolls.setdefault(q.object, []).append(q.subject)
        if isinstance(q.subject, NamedNode) and q.subject.value.startswith(EVENT_PREFIX) \
                and "/event/" in q.subject.value:
            props.setdefault(q.subject, {}).setdefault(q.predicate, []).append(q.object)
    around = place_groups(ev.get(NKG.place, ()) for ev in props.values())
    found = (make(e, p, issued, tolls.get(e, ()), lag_days, around) for e, p in props.items())
    return sorted((r for r in found if r is not None), key=lambda r: r.iri.value)
