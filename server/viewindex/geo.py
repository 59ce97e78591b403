"""Where events happened: per place with coordinates, how many events of each class.

An event is counted once, at its most specific place that has coordinates (a town before its
governorate, a governorate before its country). Counted per incident, an incident is counted
once at a place, under the class branch most of its reports there have (a killing told as an
air strike and as a killing is one incident, not one of each).
"""

from __future__ import annotations

from collections import defaultdict

from kg.vocab import NKG
from server.pages_common import local_name
from server.viewindex import Index
from server.viewindex.events import labels
from server.viewindex.filters import UNITS, Filters, where

POINTS = """
WITH f AS (SELECT e.id, e.class, e.incident FROM event e WHERE {where}),
placed AS (
  SELECT r.event, r.entity, (SELECT COUNT(*) FROM place_ancestor pa WHERE pa.place = r.entity) AS depth
  FROM role r JOIN entity en ON en.iri = r.entity AND en.lat IS NOT NULL
  WHERE r.role = 'place' AND r.event IN (SELECT id FROM f)),
best AS (SELECT p.event, p.entity FROM placed p
         WHERE p.depth = (SELECT MAX(q.depth) FROM placed q WHERE q.event = p.event))
SELECT b.entity, {split}, e.class, COUNT(DISTINCT e.id) FROM best b JOIN f e ON e.id = b.event
GROUP BY 1, 2, 3
"""
# what a count is split by before it is summed: nothing for reports (a report has one class, so
# it is counted by class in SQL), each incident for incidents (whose reports may differ)
SPLIT = {"report": "''", "incident": "e.incident"}


def families(index: Index) -> dict[str, str]:
    """Each event class mapped to its branch just below nkg:Event (Execution -> Killing)."""

    def compute() -> dict[str, str]:
        pairs = index.rows("SELECT class, ancestor FROM class_ancestor")
        ups: dict[str, set[str]] = defaultdict(set)
        for c, a in pairs:
            ups[c].add(a)
        event = NKG.Event.value
        top = {c for c, a in ups.items() if a == {c, event} and c != event}
        return {c: next((a for a in a_s if a in top), c) for c, a_s in ups.items()
                if event in a_s}

    return index.cached(("families",), compute)


def points(index: Index, f: Filters) -> list[dict]:
    """Places with events: coordinates, label, count and counts by class branch, most first."""
    cond, params = where(f)
    found = index.rows(POINTS.format(where=cond, split=SPLIT[f.per]), params)
    family = families(index)
    by_place: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    told: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for place, split, cls, n in found:
        if split == "":  # n reports of this class
            by_place[place][family.get(cls, cls)] += n
        else:  # one incident: how many of its reports here are of each branch
            told[place, split][family.get(cls, cls)] += n
    for (place, _), branches in told.items():
        by_place[place][min(branches, key=lambda c: (-branches[c], c))] += 1
    coords = {iri: (lat, lon) for iri, lat, lon in index.rows(
        "SELECT iri, lat, lon FROM entity WHERE lat IS NOT NULL")}
    named = labels(index, [*by_place, *{c for counts in by_place.values() for c in counts}])
    out = []
    for place, counts in by_place.items():
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append({"iri": place, "label": named.get(place, local_name(place)),
                    "lat": coords[place][0], "lon": coords[place][1],
                    "count": sum(counts.values()), "class": local_name(ranked[0][0]),
                    "classes": [{"class": local_name(c), "label": named.get(c, local_name(c)),
                                 "count": n} for c, n in ranked]})
    return sorted(out, key=lambda p: (-p["count"], p["label"]))


def unplaced(index: Index, f: Filters) -> int:
    """How many matching events have no place with coordinates (so are not on the map)."""
    cond, params = where(f)
    return index.rows(
        f"SELECT COUNT(DISTINCT {UNITS[f.per]}) FROM event e WHERE {cond} AND e.id NOT IN "
        "(SELECT r.event FROM role r JOIN entity en ON en.iri = r.entity AND en.lat IS NOT NULL "
        "WHERE r.role = 'place')", params)[0][0]
