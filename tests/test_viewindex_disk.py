"""The view index and slow answers kept on disk beside a snapshot (server/snapshots.py,
server/viewindex/disk.py, server/kept.py): written by a warming worker, read again after a restart
of the real app over HTTP, refused when stale, foreign or corrupt, pruned with old snapshots."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import start_server, stop_server
from pyoxigraph import Literal
from test_pages_paging import get

from kg import store
from kg.vocab import XSD
from server import kept, pages_home, snapshots
from server.viewindex import disk

PAGES = ("/events", "/", "/events.json?class=nkg:Killing", "/search.json?q=killed")
NO_WARM = ("--workers", "1", "--warm-after", "0", "--keep-after", "0")


def answers(base: str) -> dict[str, str]:
    """The bodies of PAGES, each of which must answer 200."""
    out = {}
    for path in PAGES:
        status, body = get(base + path)
        assert status == 200, (path, body[:300])
        out[path] = body
    return out


def files(directory: Path) -> tuple[str, Path, Path]:
    """(current snapshot, its views file, its answers file)."""
    snapshot = snapshots.current(directory)
    return (snapshot, snapshots.path(directory, snapshot, "views"),
            snapshots.path(directory, snapshot, "answers"))


def request_of(key: bytes) -> dict:
    """The executor request a kept answer's key stands for ({} for the view index's own)."""
    found = pickle.loads(key)
    return found if isinstance(found, dict) else {}


def kept_rows(path: Path) -> dict[bytes, bytes]:
    """The answers kept in an answers file, by key."""
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT key, value FROM answer"))


def wait_for(check, seconds: float = 120) -> None:
    """Wait until `check()` is true (a loaded machine warms slowly)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def warmed(views_store, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the views store whose files a warming server wrote; the pages as it answered."""
    directory = tmp_path_factory.mktemp("kept") / "store"
    shutil.copytree(views_store, directory, ignore=shutil.ignore_patterns("*.sqlite", "*.lock"))
    _, views, answered = files(directory)
    proc, base = start_server(directory, "--workers", "1", "--warm-after", "1",
                              "--keep-after", "0")
    try:
        wait_for(lambda: views.exists() and answered.exists() and len(kept_rows(answered)) > 5)
        pages = answers(base)
    finally:
        stop_server(proc)
    return directory, pages


def test_the_warming_worker_writes_the_files_of_the_snapshot(warmed):
    directory, _ = warmed
    snapshot, views, answered = files(directory)
    with sqlite3.connect(views) as db:
        assert dict(db.execute("SELECT * FROM kg_meta")) == {"snapshot": snapshot,
                                                             "format": disk.FORMAT}
        assert db.execute("SELECT COUNT(*) FROM event").fetchone()[0] > 20
    with sqlite3.connect(answered) as db:
        assert dict(db.execute("SELECT * FROM kg_meta")) == {"snapshot": snapshot,
                                                             "format": kept.FORMAT}
    keys = [pickle.loads(key) for key in kept_rows(answered)]
    queries = {key.get("query") for key in keys if isinstance(key, dict)}  # the pages' selects
    assert pages_home.TRIPLES in queries and pages_home.ENTITY_CLASSES in queries
    assert ("viewindex", ("facets", ())) in keys, "the facet counts of /events"
    assert all(key["op"] == "select" for key in keys if isinstance(key, dict)), \
        "the pages' own reads only (each server's start sends /sparql an ASK)"


def test_a_restarted_server_reads_the_files_and_answers_the_same(warmed):
    directory, before = warmed
    _, views, answered = files(directory)
    made, rows = views.stat(), kept_rows(answered)
    proc, base = start_server(directory, *NO_WARM)
    try:
        assert answers(base) == before
    finally:
        stop_server(proc)
    assert (views.stat().st_ino, views.stat().st_mtime_ns) == (made.st_ino, made.st_mtime_ns), \
        "the index was built again"
    assert kept_rows(answered) == rows


def test_the_home_page_is_answered_from_the_kept_answers(warmed, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(warmed[0], directory)
    _, _, answered = files(directory)
    with sqlite3.connect(answered) as db:
        for key, value in list(db.execute("SELECT key, value FROM answer")):
            if request_of(key).get("query") == pages_home.TRIPLES:
                answer = pickle.loads(value)
                answer["rows"] = [{"n": Literal("987654321", datatype=XSD.integer)}]
                db.execute("UPDATE answer SET value = ? WHERE key = ?", (pickle.dumps(answer), key))
    proc, base = start_server(directory, *NO_WARM)
    try:
        status, body = get(base + "/")
    finally:
        stop_server(proc)
    assert status == 200 and "987654321" in body.replace(",", "")


def spoil(path: Path, how: str, snapshot: str) -> None:
    """Make a kept file stale (another format), foreign (another snapshot) or corrupt."""
    if how in ("format", "snapshot"):
        with sqlite3.connect(path) as db:
            db.execute("UPDATE kg_meta SET value = ? WHERE key = ?",
                       ("0" * 16 if how == "format" else str(int(snapshot) - 1), how))
        db.close()
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(b"not a database at all\n" * 500)


@pytest.mark.parametrize("how", ["format", "snapshot", "truncated", "garbage"])
def test_a_stale_foreign_or_corrupt_file_is_refused_without_a_server(warmed, tmp_path, how):
    snapshot, views, _ = files(warmed[0])
    assert disk.load(warmed[0], snapshot) is not None
    target = tmp_path / "snapshots" / views.name
    target.parent.mkdir()
    shutil.copy(views, target)
    spoil(target, how, snapshot)
    assert disk.load(tmp_path, snapshot) is None


@pytest.mark.parametrize("spoiled", [("format", "garbage"), ("truncated", "snapshot")])
def test_a_spoiled_file_is_built_again_not_a_500(warmed, tmp_path, spoiled):
    directory = tmp_path / "store"
    shutil.copytree(warmed[0], directory)
    snapshot, views, answered = files(directory)
    spoil(views, spoiled[0], snapshot)
    spoil(answered, spoiled[1], snapshot)
    proc, base = start_server(directory, *NO_WARM)
    try:
        assert answers(base) == warmed[1]
    finally:
        stop_server(proc)
    assert disk.load(directory, snapshot) is not None, "the index was written again"
    assert snapshots.open_checked(answered, snapshot, kept.FORMAT, writable=True) is not None
    assert kept_rows(answered)


def test_an_index_found_damaged_by_a_query_is_built_again_not_a_500(warmed, tmp_path):
    """Damage inside the file (its header, length and kg_meta whole) shows only when a query
    reads the page: that query is asked again of an index built anew."""
    directory = tmp_path / "store"
    shutil.copytree(warmed[0], directory)
    snapshot, views, answered = files(directory)
    answered.unlink()  # no facet counts kept: /events reads every event of the index
    data = bytearray(views.read_bytes())
    with sqlite3.connect(views) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = {n for (n,) in db.execute("SELECT pageno FROM dbstat WHERE name = 'event'")}
    db.close()
    for n in pages:
        data[(n - 1) * size + 8:n * size] = b"\xff" * (size - 8)  # page header kept, cells lost
    views.write_bytes(bytes(data))
    assert disk.load(directory, snapshot) is not None, "the cheap checks find nothing"
    proc, base = start_server(directory, *NO_WARM)
    try:
        assert answers(base) == warmed[1]
    finally:
        stop_server(proc)
    assert disk.load(directory, snapshot, check=True) is not None, "written again, whole"


def test_publishing_a_snapshot_prunes_the_files_of_the_old_ones(warmed, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(warmed[0], directory)
    old, views, answered = files(directory)
    left = directory / "snapshots" / f"{old}.views.sqlite.123-456.tmp"  # a writer's, killed
    left.write_bytes(b"")
    db = store.open_store(directory)
    new = store.publish_snapshot(db, directory)
    del db
    assert not views.exists() and not answered.exists() and not left.exists()
    assert not list(directory.glob(f"snapshots/{old}.*"))
    assert (directory / "snapshots" / old).is_dir(), "the snapshot itself is kept a while"
    proc, base = start_server(directory, *NO_WARM)  # the new snapshot's index, built for it
    try:
        wait_for(lambda: snapshots.current(directory) == new.name
                 and time.time() - int(new.name) / 1e9 > 2)
        assert answers(base)["/events"] == warmed[1]["/events"]
    finally:
        stop_server(proc)
    assert disk.load(directory, new.name) is not None
    assert not list(directory.glob(f"snapshots/{old}.*"))


def test_workers_building_the_same_index_take_turns(warmed, tmp_path):
    """The second builder waits for the first one's file and reads it: one build, not two."""
    import threading

    snapshot, views, _ = files(warmed[0])
    (tmp_path / "snapshots" / snapshot).mkdir(parents=True)  # the snapshot servers read now
    (tmp_path / "snapshots" / "CURRENT").write_text(snapshot)
    built, started = [], threading.Event()

    def build() -> sqlite3.Connection:
        started.set()
        time.sleep(1.0)  # the other builder arrives meanwhile
        built.append(1)
        db = sqlite3.connect(":memory:", check_same_thread=False)
        sqlite3.connect(views).backup(db)
        db.execute("DROP TABLE kg_meta")
        return db

    found: list[sqlite3.Connection] = []
    first = threading.Thread(target=lambda: found.append(disk.load_or_build(tmp_path, snapshot,
                                                                            build)))
    first.start()
    started.wait(30)
    found.append(disk.load_or_build(tmp_path, snapshot, build))
    first.join(30)
    assert built == [1]
    assert [db.execute("SELECT COUNT(*) FROM event").fetchone() for db in found] == \
        [sqlite3.connect(views).execute("SELECT COUNT(*) FROM event").fetchone()] * 2
