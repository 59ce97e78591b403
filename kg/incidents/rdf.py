"""Incidents to quads in the incidents graph: class, reports, place, time, parties, tolls, joins."""

from __future__ import annotations

import hashlib

from pyoxigraph import Literal, NamedNode, Quad

from kg import iris
from kg.extract.classes import SUBCLASS_OF
from kg.incidents.cluster import Cluster, Join
from kg.incidents.match import Profile, Spot
from kg.incidents.reports import Report
from kg.vocab import NKG, RDF, RDFS, XSD

GRAPH = iris.INCIDENTS_GRAPH


def incident_iri(c: Cluster) -> NamedNode:
    """An incident's IRI: from its first report's IRI, so the same reports give the same IRI."""
    digest = hashlib.sha1(c.members[0].iri.value.encode("utf-8")).hexdigest()[:16]
    return NamedNode(f"{iris.ID}incident/{digest}")


def join_iri(incident: NamedNode, j: Join) -> NamedNode:
    """The node recording why two reports of an incident were joined."""
    digest = hashlib.sha1(f"{j.a.value} {j.b.value}".encode()).hexdigest()[:12]
    return NamedNode(f"{incident.value}/match/{digest}")


def common_class(classes: list[str]) -> str:
    """The most specific event class every one of `classes` is, or is below."""
    def chain(c: str) -> list[str]:
        out = [c]
        while SUBCLASS_OF.get(out[-1], out[-1]) != out[-1]:
            out.append(SUBCLASS_OF[out[-1]])
        return out

    chains = [chain(c) for c in classes]
    return next(c for c in chains[0] if all(c in other for other in chains[1:]))


def places_of(c: Cluster) -> list[Spot]:
    """The incident's places: where its reports put it, leaving out the regions others name."""
    pool = {x.node: x for p in c.members for x in p.anchors}
    around = [x for p in c.members for x in p.regions]
    inner = [x for x in pool.values() if not any(x.same(y) for y in around)] or list(pool.values())
    return sorted(inner, key=lambda x: x.node.value)


def times_of(c: Cluster) -> tuple[Literal | None, Literal | None]:
    """The earliest and latest time the reports give (latest None when they agree)."""
    times = sorted({p.report.time for p in c.members if p.report.time is not None},
                   key=lambda t: t.value)
    if not times:
        return None, None
    return times[0], (times[-1] if len(times) > 1 else None)


def label(cls: str, where: list[Spot], when: Literal | None, n: int) -> str:
    """'Airstrike in Ariha on 2024-03-11 (3 reports)'."""
    text = cls
    if where:
        text += " in " + ", ".join(x.label for x in where[:2])
    if when is not None:
        text += f" on {when.value}"
    return f"{text} ({n} report{'s' if n != 1 else ''})"


def incident_quads(c: Cluster) -> list[Quad]:
    """Every quad of one incident (and of its joins) in the incidents graph."""
    node = incident_iri(c)
    cls = common_class([p.report.cls for p in c.core])
    where = places_of(c)
    first, last = times_of(c)
    triples = [(node, RDF.type, NKG.Incident), (node, RDF.type, NKG[cls]),
               (node, RDFS.label, Literal(label(cls, where, first, len(c.members)))),
               (node, NKG.reportCount, Literal(len(c.members)))]
    triples += [(node, NKG.place, x.node) for x in where]
    if first is not None:
        triples.append((node, NKG.time, first))
    if last is not None:
        triples.append((node, NKG.latestTime, last))
    for p in c.members:
        triples += report_triples(node, p.report)
    for j in c.joins:
        triples += join_triples(node, j)
    if c.joins:
        triples.append((node, NKG.matchScore, score(min(j.match.score for j in c.joins))))
    return [Quad(s, p, o, GRAPH) for s, p, o in dict.fromkeys(triples)]


def report_triples(node: NamedNode, r: Report) -> list[tuple]:
    """What one report gives its incident: the link, parties, tolls and its sentence."""
    out = [(node, NKG.report, r.iri)]
    out += [(node, NKG.agent, a) for a in sorted(r.agents, key=lambda n: n.value)]
    out += [(node, NKG.target, t) for t in sorted(r.targets, key=lambda n: n.value)]
    out += [(node, NKG.toll, claim) for claim in r.tolls]
    if r.evidence:
        out.append((node, NKG.evidence, Literal(r.evidence)))
    return out


def join_triples(node: NamedNode, j: Join) -> list[tuple]:
    """A join: the two reports, their score and the features they share."""
    m = join_iri(node, j)
    out = [(node, NKG.match, m), (m, RDF.type, NKG.ReportMatch), (m, NKG.matched, j.a),
           (m, NKG.matched, j.b), (m, NKG.matchScore, score(j.match.score))]
    return out + [(m, NKG.matchFeature, Literal(f)) for f in j.match.features]


def score(value: float) -> Literal:
    """A score as an xsd:decimal to three places, written as the store keeps it ("0.7", "1")."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return Literal("0" if text in ("", "-0") else text, datatype=XSD.decimal)


def key_quads(p: Profile, keys: set[str]) -> list[Quad]:
    """The blocking keys a report is filed under, in the incidents graph."""
    return [Quad(p.iri, NKG.matchKey, Literal(k), GRAPH) for k in sorted(keys)]
