"""The store as matching reads it, with the article graphs about to be written seen instead.

A build writes an article's graph and its incidents in one transaction, so while the incidents
are worked out the store still holds the article's old graph (or none): `View` hides the old
version and shows the new quads in its place. A `Memo` keeps profiles and matches from one
write to the next of a build (a report's profile depends only on its own article graph and
the Wikidata graph, so it stays right until its article is replaced).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import iris
from kg.incidents.cluster import Pair, pair
from kg.incidents.match import Match, Profile, compare, index_keys, profile
from kg.incidents.places import Places
from kg.incidents.reports import ABOUT, graph_of, make, reports_in
from kg.incidents.settings import Settings
from kg.vocab import DCT, NKG

GRAPH = iris.INCIDENTS_GRAPH


class Memo:
    """Profiles, matches and place facts kept across the writes of one build."""

    def __init__(self, db: Store) -> None:
        self.places = Places(db)
        self.profiles: dict[NamedNode, Profile | None] = {}
        self.matches: dict[Pair, Match | None] = {}

    def forget(self, graphs: Iterable[NamedNode]) -> None:
        """Drop what came from article graphs that are being replaced."""
        gone = set(graphs)
        self.places.forget(gone)
        self.profiles = {k: v for k, v in self.profiles.items() if graph_of(k) not in gone}
        self.matches = {k: v for k, v in self.matches.items()
                        if graph_of(k[0]) not in gone and graph_of(k[1]) not in gone}


class View:
    """Reports, their keys and incidents: the store's, with `replace`d article graphs overlaid."""

    def __init__(self, db: Store, replace: Mapping[NamedNode, list[Quad]], shared: Iterable[Quad],
                 settings: Settings, memo: Memo | None = None) -> None:
        self.db, self.settings = db, settings
        self.memo = memo or Memo(db)
        self.hidden = set(replace)
        self.memo.forget(self.hidden)
        self.places = self.memo.places
        self.places.see([*shared, *(q for quads in replace.values() for q in quads)], self.hidden)
        self.fresh: dict[NamedNode, Profile] = {}
        for quads in replace.values():
            for r in reports_in(quads, settings.article_lag_days):
                self.fresh[r.iri] = self.memo.profiles[r.iri] = profile(r, self.places)
        self._fresh_keys: dict[str, set[NamedNode]] = {}
        for p in self.fresh.values():
            for k in index_keys(p):
                self._fresh_keys.setdefault(k, set()).add(p.iri)

    def old_reports(self) -> list[NamedNode]:
        """The events the replaced graphs hold in the store now (they are going)."""
        out = []
        for graph in sorted(self.hidden, key=lambda g: g.value):
            out += [q.subject for q in self.db.quads_for_pattern(None, NKG.modality, None, graph)]
        return out

    def profile(self, iri: NamedNode) -> Profile | None:
        """The report with this IRI as it will be after the write (None if it will not exist)."""
        if iri in self.fresh:
            return self.fresh[iri]
        graph = graph_of(iri)
        if graph in self.hidden:
            return None
        if iri not in self.memo.profiles:
            r = self._read(iri, graph)
            self.memo.profiles[iri] = profile(r, self.places) if r is not None else None
        return self.memo.profiles[iri]

    def match(self, a: Profile, b: Profile) -> Match | None:
        """The match of two reports (kept for the rest of the build)."""
        key = pair(a.iri, b.iri)
        if key not in self.memo.matches:
            self.memo.matches[key] = compare(a, b, self.settings)
        return self.memo.matches[key]

    def _read(self, iri: NamedNode, graph: NamedNode):
        props: dict[NamedNode, list] = {}
        for q in self.db.quads_for_pattern(iri, None, None, graph):
            props.setdefault(q.predicate, []).append(q.object)
        issued = None
        for article in props.get(NKG.article, ())[:1]:
            for q in self.db.quads_for_pattern(article, DCT.issued, None, graph):
                issued = q.object
        tolls = [q.subject for q in self.db.quads_for_pattern(None, ABOUT, iri, graph)]
        around = [q.object for q in self.db.quads_for_pattern(None, NKG.place, None, graph)
                  if "/event/" in q.subject.value]
        return make(iri, props, issued, tolls, self.settings.article_lag_days, around)

    def filed_under(self, key: str) -> set[NamedNode]:
        """The reports filed under a blocking key, after the write."""
        found = {q.subject for q in self.db.quads_for_pattern(None, NKG.matchKey, Literal(key), GRAPH)
                 if isinstance(q.subject, NamedNode) and graph_of(q.subject) not in self.hidden}
        return found | self._fresh_keys.get(key, set())

    def incident_of(self, report: NamedNode) -> NamedNode | None:
        """The incident the store has for a report now."""
        for q in self.db.quads_for_pattern(None, NKG.report, report, GRAPH):
            return q.subject
        return None

    def members(self, incident: NamedNode) -> list[NamedNode]:
        """The reports the store has for an incident now."""
        return [q.object for q in self.db.quads_for_pattern(incident, NKG.report, None, GRAPH)]

    def incident_quads(self, incident: NamedNode) -> list[Quad]:
        """The store's quads of one incident and of its joins."""
        quads = list(self.db.quads_for_pattern(incident, None, None, GRAPH))
        for q in list(quads):
            if q.predicate == NKG.match and isinstance(q.object, NamedNode):
                quads += self.db.quads_for_pattern(q.object, None, None, GRAPH)
        return quads

    def key_quads(self, report: NamedNode) -> list[Quad]:
        """The store's blocking-key quads of one report."""
        return list(self.db.quads_for_pattern(report, NKG.matchKey, None, GRAPH))
