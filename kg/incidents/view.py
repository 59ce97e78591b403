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
from kg.incidents.match import Match, Profile, compare, index_keys, lookup_keys, profile
from kg.incidents.places import Places
from kg.incidents.reports import ABOUT, graph_of, make, place_groups, reports_in
from kg.incidents.settings import Settings
from kg.vocab import DCT, NKG

GRAPH = iris.INCIDENTS_GRAPH


class Memo:
    """Profiles, matches and place facts kept across the writes of one build."""

    def __init__(self, db: Store) -> None:
        self.places = Places(db)
        self.profiles: dict[NamedNode, Profile | None] = {}
        self.matches: dict[Pair, Match | None] = {}
        self.filed: dict[str, set[NamedNode]] = {}  # blocking key -> reports, as after the last write
        self.keys_of: dict[NamedNode, set[str]] = {}  # report -> the keys above it is in
        self.near: dict[NamedNode, set[NamedNode]] = {}  # report -> reports sharing a key with it
        self.links: dict[NamedNode, dict[NamedNode, Match]] = {}  # report -> its matches
        self._tried: dict[NamedNode, set[NamedNode]] = {}  # report -> reports compared with it
        self._of_graph: dict[NamedNode, set[NamedNode]] = {}  # article graph -> its reports kept
        self.complete: set[NamedNode] = set()  # reports compared with all their candidates
        self.around: dict[NamedNode, tuple] = {}  # article graph -> its events' places (grouped)
        self.issued: dict[NamedNode, dict] = {}  # article graph -> article -> its dct:issued
        # the incidents graph as read from the store, kept until a write changes what was read
        self.incident: dict[NamedNode, NamedNode | None] = {}  # report -> its incident
        self.members: dict[NamedNode, list[NamedNode]] = {}  # incident -> its reports
        self.quads: dict[NamedNode, list[Quad]] = {}  # incident -> its quads and its joins'

    def forget(self, graphs: Iterable[NamedNode]) -> None:
        """Drop what came from article graphs that are being replaced."""
        gone = set(graphs)
        self.places.forget(gone)
        for g in gone:
            self.around.pop(g, None)
            self.issued.pop(g, None)
            for iri in self._of_graph.pop(g, ()):
                self.profiles.pop(iri, None)
                self.complete.discard(iri)
                for other in self.links.pop(iri, {}):
                    self.links.get(other, {}).pop(iri, None)
                    self.matches.pop(pair(iri, other), None)
                for other in self._tried.pop(iri, ()):
                    self.matches.pop(pair(iri, other), None)

    def written(self, quads: Iterable[Quad]) -> None:
        """Forget what was read of the incidents and reports that quads written to (or removed
        from) the incidents graph are about."""
        for q in quads:
            if q.predicate == NKG.report:
                self.incident.pop(q.object, None)
                self.members.pop(q.subject, None)
            self.quads.pop(q.subject, None)
            incident, joined, _ = q.subject.value.partition("/match/")  # a join: rdf.join_iri
            if joined:
                self.quads.pop(NamedNode(incident), None)

    def keep(self, p: Profile | None, iri: NamedNode) -> None:
        """Keep a report's profile."""
        self.profiles[iri] = p
        self._of_graph.setdefault(graph_of(iri), set()).add(iri)

    def match(self, a: Profile, b: Profile, settings: Settings) -> Match | None:
        """The match of two reports, worked out once."""
        key = pair(a.iri, b.iri)
        if key not in self.matches:
            m = self.matches[key] = compare(a, b, settings)
            self._tried.setdefault(a.iri, set()).add(b.iri)
            self._tried.setdefault(b.iri, set()).add(a.iri)
            if m is not None:
                self.links.setdefault(a.iri, {})[b.iri] = m
                self.links.setdefault(b.iri, {})[a.iri] = m
        return self.matches[key]

    def unfile(self, reports: Iterable[NamedNode]) -> None:
        """Take reports that are going out of the key lookups kept."""
        for iri in reports:
            for key in self.keys_of.pop(iri, ()):
                self.filed[key].discard(iri)
            for other in self.near.pop(iri, ()):
                self.near.get(other, set()).discard(iri)

    def file(self, p: Profile) -> None:
        """Put a new report into the key lookups kept (those of keys already looked up)."""
        for key in index_keys(p):
            if key in self.filed:
                self.filed[key].add(p.iri)
                self.keys_of.setdefault(p.iri, set()).add(key)


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
                self.fresh[r.iri] = profile(r, self.places)
                self.memo.keep(self.fresh[r.iri], r.iri)
        self.memo.unfile(self.old_reports())
        for p in self.fresh.values():
            self.memo.file(p)
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
            self.memo.keep(profile(r, self.places) if r is not None else None, iri)
        return self.memo.profiles[iri]

    def links(self, p: Profile) -> dict[NamedNode, Match]:
        """The reports `p` matches (passing the hard checks), with their matches, after the write.

        Once a report was compared with all its candidates, every later report compares itself
        with it, so its matches stay complete without looking again."""
        if p.iri not in self.memo.complete or p.iri in self.fresh:
            for other in self.near(p):
                o = self.profile(other)
                if o is not None:
                    self.memo.match(p, o, self.settings)
            self.memo.complete.add(p.iri)
        return self.memo.links.get(p.iri, {})

    def _read(self, iri: NamedNode, graph: NamedNode):
        props: dict[NamedNode, list] = {}
        for q in self.db.quads_for_pattern(iri, None, None, graph):
            props.setdefault(q.predicate, []).append(q.object)
        issued = None
        for article in props.get(NKG.article, ())[:1]:
            issued = self._issued(article, graph)
        tolls = [q.subject for q in self.db.quads_for_pattern(None, ABOUT, iri, graph)]
        return make(iri, props, issued, tolls, self.settings.article_lag_days,
                    self._around(graph))

    def _issued(self, article: NamedNode, graph: NamedNode) -> Literal | None:
        """An article's dct:issued in its graph in the store (read once per article)."""
        known = self.memo.issued.setdefault(graph, {})
        if article not in known:
            known[article] = None
            for q in self.db.quads_for_pattern(article, DCT.issued, None, graph):
                known[article] = q.object
        return known[article]

    def _around(self, graph: NamedNode) -> tuple:
        """The places of each event of an article graph in the store (read once per graph)."""
        if graph not in self.memo.around:
            around: dict[NamedNode, list] = {}
            for q in self.db.quads_for_pattern(None, NKG.place, None, graph):
                if "/event/" in q.subject.value:
                    around.setdefault(q.subject, []).append(q.object)
            self.memo.around[graph] = place_groups(around.values())
        return self.memo.around[graph]

    def near(self, p: Profile) -> set[NamedNode]:
        """The reports that share a blocking key with `p` (its candidates), after the write."""
        memo = self.memo
        if p.iri in memo.near and p.iri not in self.fresh:
            return memo.near[p.iri]
        found = {o for k in lookup_keys(p, self.settings) for o in self.filed_under(k)} - {p.iri}
        memo.near[p.iri] = found
        for other in found:
            if other in memo.near:
                memo.near[other].add(p.iri)
        return found

    def filed_under(self, key: str) -> set[NamedNode]:
        """The reports filed under a blocking key, after the write."""
        memo = self.memo
        if key not in memo.filed:
            found = {q.subject for q in self.db.quads_for_pattern(None, NKG.matchKey, Literal(key),
                                                                  GRAPH)
                     if isinstance(q.subject, NamedNode) and graph_of(q.subject) not in self.hidden}
            memo.filed[key] = found | self._fresh_keys.get(key, set())
            for iri in memo.filed[key]:
                memo.keys_of.setdefault(iri, set()).add(key)
        return memo.filed[key]

    def incident_of(self, report: NamedNode) -> NamedNode | None:
        """The incident the store has for a report now (read once until a write changes it)."""
        known = self.memo.incident
        if report not in known:
            known[report] = next(
                (q.subject for q in self.db.quads_for_pattern(None, NKG.report, report, GRAPH)), None)
        return known[report]

    def members(self, incident: NamedNode) -> list[NamedNode]:
        """The reports the store has for an incident now."""
        known = self.memo.members
        if incident not in known:
            known[incident] = [q.object for q in
                               self.db.quads_for_pattern(incident, NKG.report, None, GRAPH)]
        return known[incident]

    def incident_quads(self, incident: NamedNode) -> list[Quad]:
        """The store's quads of one incident and of its joins."""
        known = self.memo.quads
        if incident not in known:
            quads = list(self.db.quads_for_pattern(incident, None, None, GRAPH))
            for q in list(quads):
                if q.predicate == NKG.match and isinstance(q.object, NamedNode):
                    quads += self.db.quads_for_pattern(q.object, None, None, GRAPH)
            known[incident] = quads
        return known[incident]

    def key_quads(self, report: NamedNode) -> list[Quad]:
        """The store's blocking-key quads of one report."""
        return list(self.db.quads_for_pattern(report, NKG.matchKey, None, GRAPH))
