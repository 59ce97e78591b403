"""What matching knows of places and parties: parent chains, countries, names, kinds.

What a report's article mentions is read from its own article graph (kinds, labels), the
regions above a linked place from the Wikidata graph (parents, their kinds and labels, the same
for an item whichever article links it, and written with the link), never from other
articles: a report matches the same way whatever else the store holds or held when it was
written. Read once per node and kept; quads about to be written are seen first.

Two place IRIs are one place when they are equal, or when one of them is unlinked, their names
agree once transliteration is forgotten (kg.link.normalize's `sound` key: "Maarat al-Numan" and
"Maaret al-Noman", a linked "Kabul" and an unlinked one) and their countries do not differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pyoxigraph import NamedNode, Quad, Store

from kg import iris
from kg.link.normalize import fold, sound, strip_affix
from kg.vocab import NKG, RDF, RDFS

WIKIDATA_ID = iris.ID + "wd/"
WIKIDATA = iris.WIKIDATA_GRAPH
UNLINKED = re.compile(r"/id/place/(?:([a-z]{2})/)?([^/]+)$")  # kg.iris.entity: place/<cc>/<slug>
RANKS = {"Country": 0, "AdministrativeArea": 1, "Place": 2, "Settlement": 2, "Neighbourhood": 3,
         "Facility": 4}  # how finely a kind of place locates an event


@lru_cache(maxsize=256)
def country_node(iso2: str) -> NamedNode | None:
    """The entity IRI of the country with this ISO code (from the bundled gazetteer)."""
    from kg.link.gazetteer import load_gazetteer

    item = load_gazetteer().country(iso2)
    return NamedNode(f"{WIKIDATA_ID}{item.qid}") if item is not None else None


@lru_cache(maxsize=1 << 14)
def name_key(label: str) -> str:
    """A place's name with its affix ('province') and romanisation forgotten."""
    return sound(fold(strip_affix(label)[0])) or fold(label)


class Places:
    """Facts about places and parties from a store and from quads not written yet."""

    def __init__(self, db: Store | None, pending: Iterable[Quad] = ()) -> None:
        self.db = db
        self._parents: dict[NamedNode, list[NamedNode]] = {}
        # filed by graph, so that forgetting a replaced graph touches only what came from it
        self._kinds: dict[NamedNode, dict[NamedNode, set[str]]] = {}  # graph -> node -> classes
        self._labels: dict[NamedNode, dict[NamedNode, str]] = {}  # graph -> node -> label
        self._ancestors: dict[NamedNode, frozenset[NamedNode]] = {}
        self._known: dict[NamedNode, set[NamedNode]] = {}  # graph -> nodes read from the store
        self._overlaid: set[NamedNode] = set()  # graphs known from quads, not from the store
        self.see(pending)

    def see(self, quads: Iterable[Quad], replaced: Iterable[NamedNode] = ()) -> None:
        """Take in quads about to be written (an article's graph, shared Wikidata facts); the
        `replaced` graphs are known from them alone from now on."""
        self._overlaid |= set(replaced)
        for q in quads:
            self._take(q, q.subject, q.graph_name, True)

    def _take(self, q: Quad, node: NamedNode, graph: NamedNode, any_parent: bool) -> None:
        if q.predicate == NKG.parent and isinstance(q.object, NamedNode):
            parents = self._parents.setdefault(node, [])
            if (any_parent or graph == WIKIDATA) and q.object not in parents:
                parents.append(q.object)
        elif q.predicate == RDF.type and q.object.value.startswith(NKG.base):
            self._kinds.setdefault(graph, {}).setdefault(node, set()).add(
                q.object.value[len(NKG.base):])
        elif q.predicate == RDFS.label:
            self._labels.setdefault(graph, {}).setdefault(node, q.object.value)

    def forget(self, graphs: Iterable[NamedNode]) -> None:
        """Drop what was read from graphs that are being replaced."""
        for g in set(graphs):
            self._kinds.pop(g, None)
            self._labels.pop(g, None)
            self._known.pop(g, None)
            self._overlaid.discard(g)

    def _load(self, node: NamedNode, graph: NamedNode) -> None:
        known = self._known.setdefault(graph, set())
        if node in known:
            return
        known.add(node)
        if self.db is None or graph in self._overlaid:
            return
        for q in self.db.quads_for_pattern(node, None, None, graph):
            self._take(q, node, graph, False)

    def kinds(self, node: NamedNode, graph: NamedNode) -> set[str]:
        """The nkg classes one graph gives a node: the article graph `graph` for what the article
        mentions, the Wikidata graph for the regions above it (written with every link)."""
        self._load(node, graph)
        return self._kinds.get(graph, {}).get(node, set())

    def ancestors(self, place: NamedNode) -> frozenset[NamedNode]:
        """Every place above `place` on its parent chains in the Wikidata graph (not itself)."""
        if place in self._ancestors:
            return self._ancestors[place]
        seen: set[NamedNode] = set()
        todo = [place]
        while todo:
            p = todo.pop()
            self._load(p, WIKIDATA)
            for parent in self._parents.get(p, ()):
                if parent not in seen and parent != place:
                    seen.add(parent)
                    todo.append(parent)
        self._ancestors[place] = frozenset(seen)
        return self._ancestors[place]

    def is_country(self, place: NamedNode, graph: NamedNode) -> bool:
        """Whether the place is a country."""
        return "Country" in self.kinds(place, graph)

    def rank(self, place: NamedNode, graph: NamedNode) -> int:
        """How finely the place locates an event: country 0, region 1, town 2 ... (RANKS)."""
        return max((RANKS.get(t, 2) for t in self.kinds(place, graph)), default=2)

    def country(self, place: NamedNode, graph: NamedNode) -> NamedNode | None:
        """The country a place lies in (itself for a country), where known."""
        if self.is_country(place, graph):
            return place
        found = sorted((a for a in self.ancestors(place) if self.is_country(a, WIKIDATA)),
                       key=lambda n: n.value)
        if found:
            return found[0]
        m = UNLINKED.search(place.value)
        return country_node(m.group(1)) if m and m.group(1) else None

    def name(self, place: NamedNode, graph: NamedNode) -> str:
        """The place's name key: from the slug of its IRI if unlinked, else from its label
        (a linked item's label is the item's, whichever article gives it)."""
        m = UNLINKED.search(place.value)
        if m:
            return name_key(m.group(2).replace("-", " "))
        return name_key(self.label(place, graph))

    def label(self, node: NamedNode, graph: NamedNode) -> str:
        """A node's rdfs:label in one graph, else (a linked item) in the Wikidata graph, else its
        IRI's last segment."""
        self._load(node, graph)
        found = self._labels.get(graph, {}).get(node)
        if found is None and graph != WIKIDATA and self.linked(node):
            self._load(node, WIKIDATA)
            found = self._labels.get(WIKIDATA, {}).get(node)
        return found or node.value.rsplit("/", 1)[-1]

    @staticmethod
    def linked(place: NamedNode) -> bool:
        """Whether the place is linked to Wikidata (its IRI is .../id/wd/Q...)."""
        return place.value.startswith(WIKIDATA_ID)
