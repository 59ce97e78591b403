"""Keeping the incidents graph in step with the article graphs: per write, or all at once.

`changes` works out, for article graphs about to be replaced (added, changed or emptied), which
incidents they touch and what those become; `kg.incidents.write` applies that in the same
transaction as the article graphs. Every report reachable from the changed ones through matches
at the threshold, or through the incidents they were in, is clustered again: the result is
the clustering a rebuild from scratch gives, whatever order the articles came in.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import iris
from kg.incidents import settings as settings_mod
from kg.incidents.cluster import cluster
from kg.incidents.match import Match, Profile, compare, index_keys, lookup_keys, profile
from kg.incidents.places import Places
from kg.incidents.rdf import incident_quads, key_quads
from kg.incidents.reports import reports_in
from kg.incidents.settings import Settings
from kg.incidents.view import Memo, View
from kg.vocab import NKG, RDF

GRAPH = iris.INCIDENTS_GRAPH


def settings_json(s: Settings) -> str:
    """The settings as the JSON a store records them in."""
    raw = asdict(s)
    raw["compatible_classes"] = [sorted(g) for g in s.compatible_classes]
    return json.dumps(raw, sort_keys=True)


def marker(s: Settings) -> Quad:
    """The quad recording, in the incidents graph, the settings its incidents were made with."""
    return Quad(GRAPH, NKG.matchSettings, Literal(settings_json(s)), GRAPH)


def settings_of(db: Store) -> Settings | None:
    """The settings a store's incidents were made with (None if it has no incidents graph yet)."""
    for q in db.quads_for_pattern(GRAPH, NKG.matchSettings, None, GRAPH):
        return settings_mod.parse(json.loads(q.object.value), "the store's incident settings")
    return None


def changes(db: Store, replace: Mapping[NamedNode, Iterable[Quad]], shared: Iterable[Quad] = (),
            memo: Memo | None = None) -> tuple[list[Quad], list[Quad]]:
    """(quads to remove, quads to add) in the incidents graph when `replace` is written."""
    known = settings_of(db)
    s = known or settings_mod.read(settings_mod.DEFAULTS)
    view = View(db, {g: list(q) for g, q in replace.items()}, shared, s, memo)
    old = view.old_reports()
    before = {q for r in old for q in view.key_quads(r)}
    gone = {view.incident_of(r) for r in old} - {None}
    seeds = [*sorted(view.fresh, key=lambda n: n.value),
             *(m for i in sorted(gone, key=lambda n: n.value) for m in view.members(i))]
    component, matches = explore(view, seeds)
    gone |= {view.incident_of(r) for r in component} - {None}
    for incident in gone:
        before.update(view.incident_quads(incident))
    after = {q for c in cluster(component.values(), matches, s.threshold) for q in incident_quads(c)}
    after.update(q for p in view.fresh.values() for q in key_quads(p, index_keys(p)))
    if known is None:
        after.add(marker(s))
    removed, added = before - after, after - before
    view.memo.written(removed | added)  # what the store will say once they are written
    return sorted(removed, key=str), sorted(added, key=str)


def explore(view: View, seeds: list[NamedNode]) -> tuple[dict[NamedNode, Profile], Mapping]:
    """The reports to cluster again, from `seeds`, and the matches of each (`cluster`'s links):
    through strong matches (up to the settings' max_component reports for each article graph
    written, so a write of many graphs at once clusters as writing them one by one does) and,
    always, through the incidents they are in now."""
    s = view.settings
    cap = s.max_component * max(1, len(view.hidden))
    component: dict[NamedNode, Profile] = {}
    incidents: set[NamedNode] = set()
    todo = deque(seeds)
    while todo:
        iri = todo.popleft()
        p = None if iri in component else view.profile(iri)
        if p is None:
            continue
        component[iri] = p
        incident = view.incident_of(iri)
        if incident is not None and incident not in incidents:
            incidents.add(incident)
            todo.extend(view.members(incident))
        if len(component) > cap:
            continue  # past the cap: keep incidents whole, grow no further by matches
        todo.extend(o for o, m in view.links(p).items() if m.score >= s.threshold)
    return component, view.memo.links


def all_profiles(db: Store, places: Places, lag_days: int) -> list[Profile]:
    """The profile of every report of every article graph in the store."""
    graphs = sorted({q.graph_name for q in db.quads_for_pattern(None, RDF.type, NKG.Article, None)
                     if isinstance(q.graph_name, NamedNode)}, key=lambda g: g.value)
    return [profile(r, places) for g in graphs
            for r in reports_in(db.quads_for_pattern(None, None, None, g), lag_days)]


def rebuild(db: Store, settings: Settings | None = None) -> list[Quad]:
    """The whole incidents graph made from scratch from the store's article graphs."""
    s = settings or settings_of(db) or settings_mod.read(settings_mod.DEFAULTS)
    profiles = all_profiles(db, Places(db), s.article_lag_days)
    filed: dict[str, list[Profile]] = {}
    keys = {}
    for p in profiles:
        keys[p.iri] = index_keys(p)
        for k in keys[p.iri]:
            filed.setdefault(k, []).append(p)
    links: dict[NamedNode, dict[NamedNode, Match]] = {}
    for p in profiles:
        for o in {o.iri: o for k in lookup_keys(p, s) for o in filed.get(k, ())}.values():
            if o.iri.value > p.iri.value:
                m = compare(p, o, s)
                if m is not None:
                    links.setdefault(p.iri, {})[o.iri] = links.setdefault(o.iri, {})[p.iri] = m
    quads = [q for c in cluster(profiles, links, s.threshold) for q in incident_quads(c)]
    quads += [q for p in profiles for q in key_quads(p, keys[p.iri])]
    return [*quads, marker(s)]
