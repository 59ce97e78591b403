"""Reports to incidents: a deterministic agglomeration that never depends on input order.

Pairs that match at or above the threshold are taken those of one article first (an article's
own events of one incident hold together before anything joins them from outside), then
strongest first (ties by IRI); each joins the two reports' groups only if every pair across
them passes the hard checks (complete linkage), so a chain of day-apart reports never becomes
one incident, and a report placed only in a province does not join two towns' incidents into
one. Singletons stay alone.
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


def cluster(members: Iterable[Profile], matches: Mapping[Pair, Match | None],
            threshold: float) -> list[Cluster]:
    """Group reports into incidents; `matches` holds every pair that may match (from blocking),
    a pair missing from it cannot."""
    by_iri = {p.iri: p for p in members}
    strong = sorted(((m.score, k) for k, m in matches.items()
                     if m is not None and m.score >= threshold and k[0] in by_iri and k[1] in by_iri),
                    key=lambda e: (not _one_article(by_iri, e[1]), -e[0], e[1][0].value, e[1][1].value))
    group = {iri: iri for iri in by_iri}
    items = {iri: [iri] for iri in by_iri}
    joins: dict[NamedNode, list[Join]] = {iri: [] for iri in by_iri}
    for _, (a, b) in strong:
        ga, gb = group[a], group[b]
        if ga == gb or not all(matches.get(pair(x, y)) for x in items[ga] for y in items[gb]):
            continue
        keep, gone = sorted((ga, gb), key=lambda n: n.value)
        for iri in items[gone]:
            group[iri] = keep
        items[keep] += items.pop(gone)
        joins[keep] += [*joins.pop(gone), Join(a, b, matches[(a, b)])]
    return sorted((Cluster(tuple(sorted((by_iri[i] for i in m), key=lambda p: p.iri.value)),
                           tuple(joins[g])) for g, m in items.items()),
                  key=lambda c: c.members[0].iri.value)


def _one_article(by_iri: Mapping[NamedNode, Profile], key: Pair) -> bool:
    a, b = by_iri[key[0]].report.article, by_iri[key[1]].report.article
    return a is not None and a == b
