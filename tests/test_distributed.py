"""`kg build --engine dask` on a LocalCluster and `kg load`: the same store as the embedded build.

The inputs are seeds/ and three articles written for these tests that spell one unlinked
commander three ways, in different partitions, so the load step must settle the label across
shards as the embedded build does across articles.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, RdfFormat, Store, parse

from kg import bulk, graphs, iris
from kg.config import SEEDS_DIR
from kg.distributed import Engine
from kg.distributed import build as dask_build
from kg.errors import StoreError
from kg.load import load_store
from kg.pipeline import build
from kg.read import read_all
from kg.shards import shard_files
from kg.store import named_quads, open_for_reading
from kg.vocab import PROV, RDFS, SKOS
from server.remote import RemoteStore

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(SEEDS_DIR), str(ROOT / "tests" / "data" / "shards" / "labels.jsonl")]


def content(store_dir: Path) -> dict:
    """What two builds must share: every named graph's quads (but the run's time) and the
    default graph; the ontology's blank nodes are new at each load, so compared by count."""
    db = open_for_reading(store_dir)
    named = [q for q in named_quads(db) if q.predicate != PROV.endedAtTime]
    default = list(db.quads_for_pattern(None, None, None, DefaultGraph()))

    def plain(quads):
        return {q for q in quads if not isinstance(q.subject, BlankNode)
                and not isinstance(q.object, BlankNode) and q.predicate != PROV.endedAtTime}

    return {"named": plain(named), "named_count": len(named), "default": plain(default),
            "default_count": len(default),
            "graphs": {g.value for g in db.named_graphs()}}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> dict:
    directory = tmp_path_factory.mktemp("embedded")
    build(INPUTS, directory)
    return content(directory)


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> tuple[Path, Path]:
    """A LocalCluster build (one in-process worker) into shards of two articles, and its store."""
    base = tmp_path_factory.mktemp("dask")
    summary = dask_build(read_all(INPUTS), base / "shards", base / "store",
                         Engine(workers=1, processes=False), partition_size=2)
    assert summary.articles == 8
    return base / "shards", base / "store"


def test_dask_build_equals_embedded(embedded, shards):
    got = content(shards[1])
    assert got["graphs"] == embedded["graphs"]
    assert got["named"] == embedded["named"]
    assert got["named_count"] == embedded["named_count"]
    assert got["default"] == embedded["default"]
    assert got["default_count"] == embedded["default_count"]


def test_label_settled_across_shards(shards):
    """Each shard keeps the article's own spelling; the store has the first article's, once."""
    node = iris.entity("Actor", "Haroun al-Qasimi")
    raw = {q.object.value for p in shards[0].glob("*.nq") for q in read_nq(p)
           if q.subject == node and q.predicate == RDFS.label}
    assert raw == {"Haroun al-Qasimi", "Haroun el Qasimi", "Haroun Qasimi"}
    db = open_for_reading(shards[1])
    labels = {q.object.value for q in db.quads_for_pattern(node, RDFS.label, None, None)}
    alts = {q.object.value for q in db.quads_for_pattern(node, SKOS.altLabel, None, None)}
    assert labels == {"Haroun al-Qasimi"}
    assert alts == {"Haroun el Qasimi", "Haroun Qasimi"}
    names = json.loads((shards[0] / "manifest.json").read_text())["shards"]
    assert len(names) == 4 and all((shards[0] / f"{n}.nq").is_file() for n in names)


def read_nq(path: Path):
    """The quads of one N-Quads file."""
    return parse(path=str(path), format=RdfFormat.N_QUADS)


def test_load_round_trips(embedded, shards, tmp_path):
    out = tmp_path / "loaded"
    subprocess.run([sys.executable, "-m", "kg", "load", str(shards[0]), "--store", str(out)],
                   check=True, capture_output=True)
    assert content(out) == embedded
    again = load_store(shard_files([str(shards[0])]), out)
    assert (again.articles, again.skipped) == (0, 8)
    assert content(out) == embedded


def test_load_writes_new_articles_in_bulk_and_leaves_no_journal(embedded, shards, tmp_path,
                                                               monkeypatch):
    calls = []
    original = graphs.write_new
    monkeypatch.setattr(graphs, "write_new", lambda db, new, more=(): (
        calls.append(list(new)), original(db, new, more)))
    out = tmp_path / "loaded"
    summary = load_store(shard_files([str(shards[0])]), out)
    assert summary.articles == sum(map(len, calls)) == 8
    assert not bulk.journal_path(out).exists()
    assert content(out) == embedded


def test_incomplete_shard_refused(shards, tmp_path):
    part = min(shards[0].glob("*.nq"))
    lone = tmp_path / part.name
    lone.write_bytes(part.read_bytes())
    with pytest.raises(StoreError, match="not a complete kg shard"):
        shard_files([str(lone)])


def test_killed_run_resumes(embedded, tmp_path):
    """Kill a LocalCluster build once a shard is done; the re-run keeps it and finishes."""
    out = tmp_path / "shards"
    cmd = [sys.executable, "-m", "kg", "build", *INPUTS, "--engine", "dask", "--shards", str(out),
           "--partition-size", "1", "--workers", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 240
    while not list(out.glob("*.json")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.nq")
            if p.with_suffix(".json").exists()}
    assert done and len(done) < 8 and not (out / "manifest.json").exists()
    subprocess.run([*cmd, "--store", str(tmp_path / "store")], check=True, capture_output=True)
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.nq")}
    assert len(after) == 8
    assert all(after[name] == mtime for name, mtime in done.items())
    assert content(tmp_path / "store") == embedded


def test_virtuoso_and_qlever_dry_runs_write_settled_files(embedded, shards, tmp_path):
    """The files written for another store hold what the Oxigraph load holds, and the loader."""
    for kind, expect in (("virtuoso", "isql-vt 1111 dba $KG_VIRTUOSO_PASSWORD"),
                         ("qlever", "qlever index")):
        out = tmp_path / kind
        done = subprocess.run([sys.executable, "-m", "kg", "load", str(shards[0]), f"--{kind}",
                               str(out), "--dry-run"], check=True, capture_output=True, text=True)
        assert expect in done.stdout
        loaded = Store()
        for f in out.glob("*.nq"):
            loaded.load(path=str(f), format=RdfFormat.N_QUADS)
        named = [q for q in loaded if q.predicate != PROV.endedAtTime]
        assert {q for q in named if not isinstance(q.subject, BlankNode)
                and not isinstance(q.object, BlankNode)} == embedded["named"]
        assert len(named) == embedded["named_count"]
    script = (tmp_path / "virtuoso" / "load.sql").read_text()
    assert f"ld_dir('{tmp_path / 'virtuoso'}', '*.nq'" in script and "rdf_loader_run();" in script
    assert "FORMAT = nq" in (tmp_path / "qlever" / "Qleverfile").read_text()


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = {allowed}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso(tmp: Path, files: Path) -> Iterator[tuple[str, str]]:
    """A fresh Debian Virtuoso (virtuoso-t) on loopback that may read `files`, up and answering:
    yields its SPARQL endpoint and its SQL address (for `kg load --virtuoso --address`)."""
    from conftest import free_port

    db = tmp / "virtuoso-db"
    db.mkdir()
    sql, http = free_port(), free_port()
    ini = tmp / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=db, sql=sql, http=http, allowed=f"{tmp}, {files}"))
    server = subprocess.Popen(["virtuoso-t", "-f", "-c", str(ini)], cwd=tmp,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{http}/sparql"
        deadline = time.monotonic() + 120
        while not answers(endpoint):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"Virtuoso did not start (see {db / 'virtuoso.log'})")
            time.sleep(0.5)
        yield endpoint, f"127.0.0.1:{sql}"
    finally:
        server.terminate()
        server.wait(timeout=60)


@pytest.mark.slow
def test_shards_load_into_virtuoso(shards, tmp_path):
    """Debian's Virtuoso (apt-get install virtuoso-opensource-7-bin): kg load --virtuoso, then
    every graph holds what it holds in the Oxigraph store, the settled label included."""
    files = tmp_path / "load"
    with virtuoso(tmp_path, files) as (endpoint, address):
        subprocess.run([sys.executable, "-m", "kg", "load", str(shards[0]), "--virtuoso",
                        str(files), "--address", address], check=True, capture_output=True)
        counts = {row["g"].value: int(row["n"].value) for row in RemoteStore(endpoint).query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/newskg/')) } GROUP BY ?g")}
        ours = open_for_reading(shards[1])
        assert counts == {g.value: sum(1 for _ in ours.quads_for_pattern(None, None, None, g))
                          for g in ours.named_graphs()}
        node = iris.entity("Actor", "Haroun al-Qasimi")
        labels = RemoteStore(endpoint).query(f"SELECT DISTINCT ?l WHERE {{ GRAPH ?g {{ {node} "
                                             "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
        assert [r["l"].value for r in labels] == ["Haroun al-Qasimi"]


def answers(endpoint: str) -> bool:
    """Whether the SPARQL endpoint answers yet."""
    try:
        return bool(RemoteStore(endpoint, timeout=5).query("ASK { }"))
    except StoreError:
        return False
