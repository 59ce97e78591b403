"""All-new article graphs written with pyoxigraph's bulk loader, guarded by a journal file.

`Store.bulk_extend` writes RocksDB files straight into the store, several times faster than a
transactional `extend`, but without a transaction: a build killed during one may leave part of
an article's graph (its content hash among it, so the next build would take it as current).
Before such a write the graphs it holds are listed in `<store>/bulk-writes` (synced to disk);
the list is removed once the write and the store are flushed. `recover`, run by
`kg.store.open_store`, finds a list left behind and removes those graphs, with what the
incidents graph says of them, in one transaction: no half-written article survives, and the
next build writes them again. The incidents and the shared (Wikidata) quads a batch adds are
written in one transaction after the graphs, as `kg.incidents.write` writes them; only the new
reports' blocking keys, quads about those reports alone, go with the graphs.

A batch holding a graph the store has already (an article rebuilt) goes through
`kg.incidents.write`, one transaction, as before.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, Store

from kg import graphs, incidents
from kg.vocab import NKG

if TYPE_CHECKING:
    from kg.incidents.view import Memo

JOURNAL = "bulk-writes"


def journal_path(directory: Path) -> Path:
    """Where the list of graphs being bulk-written is kept."""
    return Path(directory) / JOURNAL


def write(db: Store, directory: Path, replace: Mapping[NamedNode, list[Quad]],
          shared: list[Quad] = (), memo: Memo | None = None) -> None:
    """Write article graphs with the incidents they touch: by bulk load when none is in the
    store yet (journalled), else in one transaction (`kg.incidents.write`)."""
    replace = {g: list(q) for g, q in replace.items()}
    shared = list(shared)
    if not replace or not all(q for q in replace.values()) \
            or not all(graphs.is_empty(db, g) for g in replace):
        incidents.write(db, replace, shared, memo)
        return
    remove, add = incidents.changes(db, replace, shared, memo)  # read before anything is written
    # the new reports' blocking keys (most of what a batch adds to the incidents graph) are
    # new quads about new reports only: they go with the graphs, and `recover` finds them
    keys = [q for q in add if q.predicate == NKG.matchKey]
    path = journal_path(directory)
    _list(path, replace)
    graphs.write_new(db, replace, keys)
    graphs.write(db, add=[*shared, *(q for q in add if q.predicate != NKG.matchKey)],
                 remove=remove)  # one transaction: the incidents and the shared facts
    db.flush()
    path.unlink()


def recover(db: Store, directory: Path) -> list[NamedNode]:
    """Remove the graphs a bulk write cut short may have left in part, their reports' blocking
    keys, then (one transaction) the graphs and what their incidents say of them; the graphs
    removed (none without a journal). Run again after a kill, it does the same."""
    path = journal_path(directory)
    path.with_name(path.name + ".tmp").unlink(missing_ok=True)  # cut short before any write
    try:
        names = path.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return []
    from kg.incidents.reports import graph_of

    gone = [NamedNode(n) for n in names]
    listed = set(gone)
    keys = [q for q in db.quads_for_pattern(None, NKG.matchKey, None, incidents.GRAPH)
            if graph_of(q.subject) in listed]  # written with the graphs, maybe without the rest
    graphs.write(db, remove=keys)
    incidents.write(db, {g: [] for g in gone})
    db.flush()
    path.unlink()
    return gone


def _list(path: Path, replace: Mapping[NamedNode, list[Quad]]) -> None:
    """Write the journal: the graphs' IRIs, one a line, on disk before the bulk write starts."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(f"{g.value}\n" for g in replace))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
