"""Incidents: one real-world event however many articles report it (graph .../graph/incidents).

Every article-level event (a report) belongs to exactly one `nkg:Incident`. Reports are joined
when they match (`match.py`: class, place, date, parties, counts), by a clustering that does not
depend on the order articles came in (`cluster.py`). The incidents an article touches are
worked out again whenever its graph is written (`refresh.py`), in the same transaction.

This module is imported by kg.store, so by every query executor: matching (which reads the
extractor's class tree, and so loads spaCy) is imported only when incidents are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, Store

from kg import graphs, iris
from kg.vocab import NKG, RDF

if TYPE_CHECKING:
    from kg.incidents.settings import Settings
    from kg.incidents.view import Memo

GRAPH = iris.INCIDENTS_GRAPH


def write(db: Store, replace: Mapping[NamedNode, Iterable[Quad]], shared: Iterable[Quad] = (),
          memo: Memo | None = None) -> None:
    """Replace article graphs (an empty list removes one) and update their incidents, in one
    transaction (the default graph kept merged, `kg.graphs.write`). `memo` carries what was
    read from one write to the next of a build."""
    replace = {g: list(q) for g, q in replace.items()}
    shared = list(shared)
    remove, add = changes(db, replace, shared, memo)
    graphs.write(db, replace, add=[*shared, *add], remove=remove)


def changes(db: Store, replace: Mapping[NamedNode, list[Quad]], shared: list[Quad],
            memo: Memo | None = None) -> tuple[list[Quad], list[Quad]]:
    """(quads to remove, quads to add) in the incidents graph when `replace` is written
    (kg.incidents.refresh); what `write` applies, for writers that write the graphs otherwise."""
    from kg.incidents import refresh

    return refresh.changes(db, replace, shared, memo)


def memo(db: Store) -> Memo:
    """What matching reads, kept from one write of a build to the next."""
    from kg.incidents.view import Memo

    return Memo(db)


@dataclass
class Summary:
    """How many incidents a store has, and of how many reports."""

    incidents: int = 0
    reports: int = 0
    joined: int = 0  # incidents of more than one report

    def line(self) -> str:
        """One line for the terminal."""
        return (f"{self.incidents} incidents of {self.reports} reports "
                f"({self.joined} reported more than once)")


def rebuild(db: Store, settings: Settings | None = None) -> Summary:
    """Recompute every incident from the article graphs, in one transaction."""
    from kg.incidents import refresh

    graphs.write(db, {GRAPH: refresh.rebuild(db, settings)})
    return summary(db)


def summary(db: Store) -> Summary:
    """Count the store's incidents and reports."""
    out = Summary()
    for q in db.quads_for_pattern(None, RDF.type, NKG.Incident, GRAPH):
        n = sum(1 for _ in db.quads_for_pattern(q.subject, NKG.report, None, GRAPH))
        out.incidents += 1
        out.reports += n
        out.joined += n > 1
    return out


def stale(db: Store) -> bool:
    """Whether the store has articles but no incidents graph yet (written by an older kg)."""
    if next(iter(db.quads_for_pattern(GRAPH, NKG.matchSettings, None, GRAPH)), None) is not None:
        return False
    return next(iter(db.quads_for_pattern(None, RDF.type, NKG.Article, None)), None) is not None


def run(store_dir: Path, rebuild_all: bool = False, settings_file: Path | None = None) -> Summary:
    """`kg incidents`: count a store's incidents; rebuild them (with new settings, if given)."""
    from kg import store
    from kg.incidents import settings as settings_mod

    if not rebuild_all and settings_file is None:
        return summary(store.open_for_reading(store_dir))
    new = settings_mod.read(settings_file) if settings_file is not None else None
    db = store.open_store(store_dir)
    out = rebuild(db, new)
    store.publish_snapshot(db, store_dir)
    return out
