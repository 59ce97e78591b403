"""The on-disk Oxigraph store: open, write one article graph atomically, snapshots, dump.

Layout of a store directory:
    db/                 the read-write RocksDB database (one writer process at a time)
    snapshots/<n>/      read-only checkpoints (hard links) that servers open
    snapshots/CURRENT   the name of the newest snapshot
`kg build` publishes a snapshot after each batch, so a running server sees new
articles within seconds without ever opening the database another process writes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, serialize

from kg import bulk, graphs, incidents, iris
from kg.config import ONTOLOGY_DIR
from kg.errors import StoreError
from kg.vocab import NKG, PREFIXES, RDFS

FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"trig", "nquads", "jsonld"}
KEEP_SNAPSHOTS = 3


def open_store(directory: Path) -> Store:
    """The read-write store in `directory` (created if absent; merged once if written by an older
    kg; graphs a killed bulk write left in part removed, kg.bulk)."""
    directory = Path(directory)
    try:
        (directory / "snapshots").mkdir(parents=True, exist_ok=True)
        db = Store(str(directory / "db"))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreError(f"{directory}: the store is in use by another kg build or update") from None
        raise StoreError(f"{directory}: cannot open the store ({err})") from None
    bulk.recover(db, directory)
    if graphs.stale(db):
        graphs.merge_default(db)
        publish_snapshot(db, directory)
    if incidents.stale(db):  # articles written by a kg that kept no incidents: made once
        incidents.rebuild(db)
        publish_snapshot(db, directory)
    return db


def open_for_reading(directory: Path) -> Store:
    """A store to read: the newest snapshot if there is one, else the database itself.

    A store written by an older kg (no merged default graph yet) is upgraded first, once.
    """
    directory = Path(directory)
    db = _read_only(directory)
    if not graphs.stale(db):
        return db
    del db
    try:
        writer = open_store(directory)  # merges and publishes a snapshot
    except StoreError as err:
        raise StoreError(f"{err}; this store was written by an older kg and is upgraded (once) "
                         "by the next command that can open it for writing: try again when "
                         "the other process is done") from None
    del writer
    return _read_only(directory)


def upgrade(directory: Path) -> None:
    """Merge the default graph of a store written by an older kg (once); nothing if none is here."""
    if latest_snapshot(directory) is not None or (Path(directory) / "db").exists():
        open_for_reading(directory)  # upgrades when it must


def _read_only(directory: Path) -> Store:
    snap = latest_snapshot(directory)
    if snap is not None:
        return Store.read_only(str(snap))
    if not (directory / "db").exists():
        raise StoreError(f"{directory}: no store here (run `kg build` first)")
    try:
        return Store.read_only(str(directory / "db"))
    except OSError as err:
        raise StoreError(f"{directory}: cannot open the store ({err})") from None


def latest_snapshot(directory: Path) -> Path | None:
    """The newest published snapshot directory, if any."""
    current = Path(directory) / "snapshots" / "CURRENT"
    try:
        name = current.read_text().strip()
    except OSError:
        return None
    snap = current.parent / name
    return snap if snap.is_dir() else None


def publish_snapshot(store: Store, directory: Path) -> Path:
    """Checkpoint the store for readers, point CURRENT at it, prune old ones."""
    snaps = Path(directory) / "snapshots"
    snaps.mkdir(parents=True, exist_ok=True)
    store.flush()
    target = snaps / f"{time.time_ns()}"
    store.backup(str(target))
    tmp = snaps / f"CURRENT.{os.getpid()}"
    tmp.write_text(target.name)
    os.replace(tmp, snaps / "CURRENT")
    dirs = [p for p in snaps.iterdir() if p.is_dir()]
    old = sorted((p for p in dirs if p.name.isdigit()), key=lambda p: int(p.name))
    # other names are leftovers of a killed build (RocksDB writes a checkpoint to "<name>.tmp")
    for stale in [*old[:-KEEP_SNAPSHOTS], *(p for p in dirs if not p.name.isdigit())]:
        shutil.rmtree(stale, ignore_errors=True)
    prune_snapshot_files(snaps, target.name)
    return target


def prune_snapshot_files(snaps: Path, keep: str) -> None:
    """Remove the files servers keep beside a snapshot (`<n>.views.sqlite` ...: see
    server/snapshots.py) for every snapshot but `keep`: they hold answers about older data."""
    for path in snaps.iterdir():
        name, dot, _ = path.name.partition(".")
        if dot and name.isdigit() and name != keep and not path.is_dir():
            path.unlink(missing_ok=True)


class SnapshotPublisher:
    """Publishes snapshots during a build from one background thread, one at a time.

    A snapshot's cost is mostly waiting for the disk (flush, fsync); pyoxigraph releases the GIL
    meanwhile, so in a thread it overlaps the parsing of the next articles instead of stalling it.
    It is taken holding `lock` (the store writer's, kg.writer), so it never catches a write half done.
    """

    def __init__(self, store: Store, directory: Path, every: float,
                 lock: threading.Lock | None = None) -> None:
        self.store, self.directory, self.every = store, directory, every
        self.lock = lock or threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-snapshot")
        self._running: Future | None = None
        self._last = time.monotonic()

    def tick(self) -> None:
        """Start a snapshot when `every` seconds have passed since the last and none is running."""
        if time.monotonic() - self._last <= self.every:
            return
        if self._running is not None:
            if not self._running.done():
                return
            self._running.result()  # a failed snapshot fails the build here
        self._last = time.monotonic()
        self._running = self._pool.submit(self._publish)

    def _publish(self) -> Path:
        with self.lock:
            return publish_snapshot(self.store, self.directory)

    def close(self) -> None:
        """Wait for the running snapshot, if any (raising its error), and stop the thread."""
        try:
            if self._running is not None:
                self._running.result()
        finally:
            self._pool.shutdown(wait=True)


def is_current(store: Store, graph: NamedNode, article: NamedNode, checksum: str) -> bool:
    """Whether the article's graph was built from exactly this content."""
    quad = Quad(article, NKG.contentHash, Literal(checksum), graph)
    return next(iter(store.quads_for_pattern(quad.subject, quad.predicate, quad.object,
                                             graph)), None) is not None


def replace_graph(store: Store, graph: NamedNode, quads: Iterable[Quad]) -> None:
    """Replace one named graph with `quads` in a single transaction (default graph kept merged)."""
    graphs.write(store, {graph: quads})


def label_elsewhere(store: Store, node: NamedNode, graph: NamedNode) -> str | None:
    """The rdfs:label another graph already gives `node`, if any (the smallest, to be stable)."""
    labels = [q.object.value for q in store.quads_for_pattern(node, RDFS.label, None, None)
              if isinstance(q.graph_name, NamedNode) and q.graph_name != graph]
    return min(labels) if labels else None


def add_quads(store: Store, quads: Iterable[Quad]) -> None:
    """Add quads to their named graphs (set semantics: repeats add nothing) in one transaction."""
    graphs.write(store, add=quads)


def ontology_files() -> list[Path]:
    """The Turtle files of the ontology and its shapes."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


def ensure_ontology(store: Store) -> bool:
    """Load the ontology into its own named graph, unless that exact version is there."""
    files = ontology_files()
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    marker = Quad(iris.ONTOLOGY_GRAPH, NKG.contentHash, Literal(digest), iris.ONTOLOGY_GRAPH)
    if marker in store:
        return False
    loader = Store()
    for f in files:
        loader.load(path=str(f), format=RdfFormat.TURTLE, to_graph=iris.ONTOLOGY_GRAPH)
    replace_graph(store, iris.ONTOLOGY_GRAPH, [*loader, marker])
    return True


def named_quads(store: Store) -> Iterator[Quad]:
    """Every quad of every named graph, graph by graph (not the default graph: it is derived)."""
    for graph in store.named_graphs():
        yield from store.quads_for_pattern(None, None, None, graph)


def dump(store: Store, out: IO[bytes], fmt: str, graph: NamedNode | DefaultGraph | None = None
         ) -> None:
    """Stream the store (or one graph) to `out` without holding it in memory.

    The whole store in a dataset format (TriG, N-Quads, JSON-LD) is its named graphs; in a
    graph format (Turtle, N-Triples, RDF/XML) it is the default graph, each triple once.
    Oxigraph's own `Store.dump` writes every format but JSON-LD, a graph at a time, so no quad
    passes through Python (the derived default graph is what a dataset dump leaves out).
    """
    rdf_format = FORMATS[fmt]
    if not isinstance(store, Store) or fmt == "jsonld":  # a remote store; JSON-LD is one document
        serialized(store, out, fmt, graph)
    elif fmt not in DATASET_FORMATS:
        store.dump(out, rdf_format, from_graph=DefaultGraph() if graph is None else graph,
                   prefixes=PREFIXES)
    elif fmt == "nquads":
        for g in store.named_graphs() if graph is None else [graph]:
            store.dump(GraphLines(out, g), RdfFormat.N_TRIPLES, from_graph=g)
    else:  # TriG: each graph's Turtle in its block
        for g in store.named_graphs() if graph is None else [graph]:
            out.write(f"{g} {{\n".encode())
            store.dump(out, RdfFormat.TURTLE, from_graph=g)
            out.write(b"}\n")


def serialized(store, out: IO[bytes], fmt: str, graph: NamedNode | DefaultGraph | None) -> None:
    """What `dump` writes, each quad passed through Python (any store with quads_for_pattern)."""
    rdf_format = FORMATS[fmt]
    if fmt in DATASET_FORMATS:
        quads = named_quads(store) if graph is None else store.quads_for_pattern(None, None, None, graph)
        serialize(quads, out, rdf_format)
        return
    quads = store.quads_for_pattern(None, None, None, DefaultGraph() if graph is None else graph)
    serialize((q.triple for q in quads), out, rdf_format, prefixes=PREFIXES)


class GraphLines:
    """A writer turning the N-Triples lines written to it into N-Quads lines of one graph.

    Every N-Triples line ends in " .\n" and holds no other newline (literals escape theirs), so
    the graph's name goes before each line's end; a line cut between two writes waits for its end.
    """

    def __init__(self, out: IO[bytes], graph: NamedNode) -> None:
        self.out, self.tail, self.end = out, b"", f" {graph} .\n".encode()

    def write(self, chunk: bytes) -> int:
        data = self.tail + bytes(chunk)
        cut = data.rfind(b"\n") + 1
        self.tail = data[cut:]
        self.out.write(data[:cut].replace(b" .\n", self.end))
        return len(chunk)

    def flush(self) -> None:
        self.out.flush()


def count(store: Store, graph: NamedNode | DefaultGraph | None = None) -> int:
    """Distinct triples in the store (its default graph), or triples in one graph."""
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph or DefaultGraph()))
