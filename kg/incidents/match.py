"""Whether two reports are one incident, and why: hard checks, then a score from shared features.

Pure functions of two reports, what is known of their places, and the settings. Blocking keys
(`index_keys`, `lookup_keys`: a place name and a day, or the article) agree with `compare`: two
reports that pass its place and date checks always share a key, so looking candidates up by
key misses none, and a report is compared only with the few filed near it in place and time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pyoxigraph import NamedNode

from kg.extract.classes import SUBCLASS_OF, is_a
from kg.incidents.places import RANKS, WIKIDATA, Places
from kg.incidents.reports import Report, graph_of
from kg.incidents.settings import Settings


@dataclass(frozen=True)
class Match:
    """Two reports that may be one incident: their score and the features behind it."""

    score: float
    features: tuple[str, ...]
    sentence: bool = False  # classes apart, one sentence: a part of the other's incident



@dataclass(frozen=True)
class Spot:
    """A place as matching compares it: its IRI, name key, country and label."""

    node: NamedNode
    name: str
    country: NamedNode | None
    is_country: bool
    is_region: bool  # an administrative area: as a shared place, weaker than a town
    linked: bool
    label: str

    def same(self, other: Spot) -> bool:
        """One place: one IRI, or (one of them unlinked) one name in no two countries
        (`Places.same`)."""
        if self.node == other.node:
            return True
        if self.linked and other.linked or self.name != other.name:
            return False
        return self.country is None or other.country is None or self.country == other.country


@dataclass(frozen=True)
class Profile:
    """What matching reads of one report, worked out once: places, parties, blocking names."""

    report: Report
    anchors: tuple[Spot, ...]
    regions: tuple[Spot, ...]
    perpetrators: frozenset[NamedNode]
    parties: dict  # named agents that are no news agency -> label

    @property
    def iri(self) -> NamedNode:
        """The report's IRI."""
        return self.report.iri


def eligible(r: Report) -> bool:
    """Whether a report may join others: asserted, with a place and a date."""
    return r.asserted and bool(r.places) and r.lo is not None


def spot(p: NamedNode, places: Places, graph: NamedNode, countries: frozenset = frozenset()
         ) -> Spot:
    """A place as matching compares it, as the graph `graph` gives it (the report's article
    graph for its own places, the Wikidata graph for regions above them). An unlinked place's
    country is the linker's guess: forgotten when the article names countries and not that one."""
    country = places.country(p, graph)
    if not places.linked(p) and countries and country not in countries:
        country = None
    return Spot(p, places.name(p, graph), country, places.is_country(p, graph),
                places.rank(p, graph) == RANKS["AdministrativeArea"], places.linked(p),
                places.label(p, graph))


def profile(r: Report, places: Places) -> Profile:
    """A report's profile for matching, from its own article graph and the Wikidata graph."""
    g = graph_of(r.iri)
    own = anchors(r, places, g)
    parties = {x: places.label(x, g) for x in r.named_agents if "MediaOutlet" not in places.kinds(x, g)}
    named = frozenset(p for p in r.article_places if places.is_country(p, g))
    mentioned = set(r.article_places)
    return Profile(r, tuple(spot(p, places, g, named) for p in _sorted(own)),
                   tuple(spot(p, places, g if p in mentioned else WIKIDATA, named)
                         for p in _sorted(regions(r, places, g, own))),
                   perpetrators(r, places, g), parties)


def anchors(r: Report, places: Places, g: NamedNode) -> frozenset[NamedNode]:
    """Where the report says it happened, most precisely: its places that lie in none of its
    others, of the finest kind it names (a town before the province named beside it). A report
    placed only in a country or a region ("clashes in Sudan", "a strike on an Idlib market", a
    headline) is placed where its article's other events are in it, when that is one place."""
    own = _finest(r.places, places, g)
    if own and all(places.rank(p, g) < RANKS["Settlement"] for p in own):
        coarse = max(places.rank(p, g) for p in own)
        inside = {p for ev in r.article_events for p in _finest(ev, places, g)
                  if places.rank(p, g) > coarse and _within(p, ev, own, places, g)}
        refined = _finest(inside, places, g)
        if len(refined) == 1:
            return refined
    return own


def _within(p: NamedNode, told: Iterable[NamedNode], coarse: frozenset[NamedNode],
            places: Places, g: NamedNode) -> bool:
    """Whether a place an event names (`told`, all its places) lies in one of `coarse`
    (countries, regions): by its parent chain or country, or, neither known, because the event
    names it beside one of them or beside a place in one ("near Maiduguri, in Borno state")."""
    def up(q: NamedNode) -> set:
        return set(places.ancestors(q)) | {places.country(q, g)}

    if coarse & up(p):
        return True
    return places.country(p, g) is None and any(q in coarse or coarse & up(q)
                                                for q in set(told) - {p})


def _finest(pool: Iterable[NamedNode], places: Places, g: NamedNode) -> frozenset[NamedNode]:
    pool = set(pool)
    inner = [p for p in pool if not any(p in places.ancestors(q) for q in pool if q != p)]
    finest = max((places.rank(p, g) for p in inner), default=0)
    return frozenset(p for p in inner if places.rank(p, g) == finest)


def regions(r: Report, places: Places, g: NamedNode,
            own: frozenset[NamedNode] | None = None) -> frozenset[NamedNode]:
    """The regions the report puts its anchors in (`own`, if worked out already): its other
    places (those its article's events name beside an anchor it was placed in by them) and the
    places above its anchors, countries left out."""
    own = anchors(r, places, g) if own is None else own
    told = set(r.places) | {q for ev in r.article_events if own - set(r.places) and own & set(ev)
                            for q in ev}  # a report placed by its article: as its events say
    named = {p for p in told - own if not places.is_country(p, g)}
    above = {a for p in own for a in places.ancestors(p) if not places.is_country(a, WIKIDATA)}
    return frozenset(named | above)


def perpetrators(r: Report, places: Places, g: NamedNode) -> frozenset[NamedNode]:
    """The named agents that can contradict another report's: not news agencies, not places
    (a country named as the agent is too loose to rule anything out)."""
    return frozenset(x for x in r.named_agents
                     if not any(t == "MediaOutlet" or SUBCLASS_OF.get(t) == "Place" or t == "Place"
                                for t in places.kinds(x, g)))


def _sorted(nodes: Iterable[NamedNode]) -> list[NamedNode]:
    return sorted(nodes, key=lambda n: n.value)


def _days(lo: date, hi: date) -> list[date]:
    return [lo + timedelta(days=n) for n in range((hi - lo).days + 1)]


def _keys(p: Profile, lo: date, hi: date) -> set[str]:
    names = {x.name for x in (*p.anchors, *p.regions)}
    keys = {f"{name} {d.isoformat()}" for name in names for d in _days(lo, hi)}
    if p.report.article is not None:
        keys.add(f"article {p.report.article.value}")  # reports of one article are always compared
    return keys


def index_keys(p: Profile) -> set[str]:
    """The keys a report is filed under: each of its place names on each day it may be."""
    r = p.report
    return _keys(p, r.lo, r.hi) if eligible(r) else set()


def lookup_keys(p: Profile, s: Settings) -> set[str]:
    """The keys under which the reports that may match it are filed."""
    r = p.report
    if not eligible(r):
        return set()
    w = timedelta(days=s.window_days)
    return _keys(p, r.lo - w, r.hi + w)


def class_relation(a: str, b: str, s: Settings) -> str | None:
    """'same' (one class is, or is below, the other), 'compatible' (listed together), or None."""
    return _class_relation(a, b, s.compatible_classes)


@lru_cache(maxsize=1 << 12)
def _class_relation(a: str, b: str, compatible: tuple[frozenset[str], ...]) -> str | None:
    if is_a(a, b) or is_a(b, a):
        return "same"
    for group in compatible:
        if any(is_a(a, g) for g in group) and any(is_a(b, g) for g in group):
            return "compatible"
    return None


def one_sentence(a: Report, b: Report) -> bool:
    """Whether two reports were read from one sentence of one article ("police fired tear gas
    at the protesters", "the fighting forced thousands to flee"): one event told by its parts."""
    return a.article is not None and a.article == b.article and bool(a.evidence) \
        and a.evidence == b.evidence


def place_relation(a: Profile, b: Profile) -> tuple[str, Spot, Spot] | None:
    """How the reports' places agree: ('same'|'region'|'inside'|'country', place, place), or
    None: one town (or finer), one region, one inside the other (then the inner place first),
    one country. Countries agree with what lies in them only within one article."""
    for x in a.anchors:
        for y in b.anchors:
            if x.same(y):
                kind = "country" if x.is_country else "region" if x.is_region else "same"
                return kind, x, y
    for inner, outer in ((a, b), (b, a)):  # an anchor of `outer` is a region of `inner`
        for x in outer.anchors:
            if any(x.same(y) for y in inner.regions):
                return "inside", inner.anchors[0], x
    if a.report.article is not None and a.report.article == b.report.article:
        for x in a.anchors:
            for y in b.anchors:
                if x.is_country and y.country == x.node or y.is_country and x.country == y.node:
                    return "country", x, y
    return None


def day_gap(a: Report, b: Report) -> int:
    """Days between the reports' date ranges (0 when they overlap)."""
    return max(0, (b.lo - a.hi).days, (a.lo - b.hi).days)


def count_relation(a: Report, b: Report, s: Settings) -> str | None:
    """'close', 'differ' or 'far' (incompatible) for two counts; None when either is missing."""
    if a.count is None or b.count is None:
        return None
    low, high = sorted((a.count, b.count))
    c = s.counts
    if high - low <= c["close_difference"] or high <= low * c["close_ratio"]:
        return "close"
    if high - low > c["far_difference"] and high > max(low, 1) * c["far_ratio"]:
        return "far"
    return "differ"


def compare(a: Profile, b: Profile, s: Settings) -> Match | None:
    """The match of two reports, or None when something rules it out."""
    ra, rb = a.report, b.report
    if ra.iri == rb.iri or not (eligible(ra) and eligible(rb)):
        return None
    if rb.iri.value < ra.iri.value:
        a, b, ra, rb = b, a, rb, ra  # one answer whichever way round
    cls = class_relation(ra.cls, rb.cls, s) or ("sentence" if one_sentence(ra, rb) else None)
    if cls is None or day_gap(ra, rb) > s.window_days:
        return None
    where = place_relation(a, b)
    if where is None:
        return None
    if a.perpetrators and b.perpetrators and not a.perpetrators & b.perpetrators:
        return None
    counts = count_relation(ra, rb, s)
    if counts == "far":
        return None
    return _score(a, b, cls, where, counts, s)


def _score(a: Profile, b: Profile, cls: str, where: tuple, counts: str | None,
           s: Settings) -> Match:
    ra, rb = a.report, b.report
    kind, pa, pb = where
    gap = day_gap(ra, rb)
    when = "by_week" if ra.by_week or rb.by_week else "by_article" \
        if ra.by_article or rb.by_article else "same" if gap == 0 else "apart"
    features = [
        (f"class_{cls}", f"class {cls}: {ra.cls}, {rb.cls}"),
        (f"place_{kind}", f"place {kind}: {pa.label}" + ("" if pa == pb else
                                                          f" in {pb.label}" if kind == "inside"
                                                          else f", {pb.label}")),
        (f"day_{when}", {"by_article": "dated by article", "by_week": "dated by 'last week'"}
         .get(when, f"{gap} days apart"))]
    if ra.article is not None and ra.article == rb.article:
        features.append(("same_article", "same article"))
    shared = a.parties.keys() & b.parties.keys()
    if shared:
        features.append(("agent_shared", "agent shared: " + ", ".join(
            sorted(a.parties[x] for x in shared))))
    if ra.targets & rb.targets:
        features.append(("target_shared", "target shared"))
    if counts is not None:
        features.append((f"count_{counts}", f"count {counts}: {ra.count}, {rb.count}"))
    score = round(sum(s.weight(k) for k, _ in features), 3)
    return Match(score, tuple(text for _, text in features), cls == "sentence")
