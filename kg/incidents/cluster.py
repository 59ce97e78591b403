"""Reports to incidents: a deterministic agglomeration that never depends on input order.

Pairs that match at or above the threshold are taken those of one article first (an article's
own events of one incident hold together before anything joins them from outside), then
strongest first (ties by IRI); each joins the two reports' groups only if every pair across
them passes the hard checks (complete linkage), so a chain of day-apart reports never becomes
one incident, and a report placed only in a province does not join two towns' incidents into
one. Then a report read from one sentence with a report of another class ("police fired tear
gas at the protesters", "the fighting forced thousands to flee") joins that report's incident
as a part of it, with the reports of its own article it is grouped with, if no other article's
(satellites: they give the incident no class). Singletons stay alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg.incidents.match import Match, Profile

Pair = tuple[NamedNode, NamedNode]


def pair(x: NamedNode, y: NamedNode) -> Pair:
    """Two IRIs in a fixed order, to key a match."""
    return (x, y) if x.value <= y.value else (y, x)


@dataclass(frozen=True)
class Join:
    """Two reports whose match joined their groups into one incident."""

    a: NamedNode
    b: NamedNode
    match: Match


@dataclass(frozen=True)
class Cluster:
    """The reports of one incident (sorted by IRI) and the joins that made it."""

    members: tuple[Profile, ...]
    joins: tuple[Join, ...] = ()
    satellites: frozenset[NamedNode] = frozenset()  # members joined as parts of a sentence

    @property
    def core(self) -> tuple[Profile, ...]:
        """The members that make the incident what it is (all but satellites, if any are)."""
        return tuple(p for p in self.members if p.iri not in self.satellites) or self.members


def cluster(members: Iterable[Profile], links: Mapping[NamedNode, Mapping[NamedNode, Match]],
            threshold: float) -> list[Cluster]:
    """Group reports into incidents. `links` maps a report to the reports it matches (passing
    the hard checks) with their matches; a pair not in it cannot be in one incident."""
    by_iri = {p.iri: p for p in members}
    edges = []
    for a in by_iri:
        for b, m in links.get(a, {}).items():
            if a.value < b.value and b in by_iri and m.score >= threshold:
                edges.append((not _one_article(by_iri, a, b), -m.score, a.value, b.value, a, b, m))
    edges.sort(key=lambda e: e[:4])
    items = {iri: {iri} for iri in by_iri}
    group = {iri: iri for iri in by_iri}
    # the reports every member of a group matches: what may join it (complete linkage)
    common = {iri: set(links.get(iri, {})) & by_iri.keys() for iri in by_iri}
    joins: dict[NamedNode, list[Join]] = {iri: [] for iri in by_iri}
    satellites: set[NamedNode] = set()

    def merge(ga: NamedNode, gb: NamedNode, join: Join) -> None:
        keep, gone = sorted((ga, gb), key=lambda n: n.value)
        for iri in items[gone]:
            group[iri] = keep
        items[keep] |= items.pop(gone)
        common[keep] &= common.pop(gone)
        joins[keep] += [*joins.pop(gone), join]

    for *_, a, b, m in edges:
        ga, gb = group[a], group[b]
        if not m.sentence and ga != gb and items[gb] <= common[ga]:
            merge(ga, gb, Join(a, b, m))
    for *_, a, b, m in edges:  # then parts of a sentence join their sentence's incident
        ga, gb = group[a], group[b]
        if not m.sentence or ga == gb:
            continue
        article = by_iri[a].report.article
        local = [g for g in (ga, gb)
                 if all(by_iri[i].report.article == article for i in items[g])]
        if local:  # a group of the sentence's own article only (often the part alone)
            satellites.update(items[local[0]])
            merge(ga, gb, Join(a, b, m))
    return sorted((Cluster(tuple(sorted((by_iri[i] for i in m), key=lambda p: p.iri.value)),
                           tuple(joins[g]), frozenset(m & satellites))
                   for g, m in items.items()),
                  key=lambda c: c.members[0].iri.value)


def _one_article(by_iri: Mapping[NamedNode, Profile], a: NamedNode, b: NamedNode) -> bool:
    x, y = by_iri[a].report.article, by_iri[b].report.article
    return x is not None and x == y
