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
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, RdfFormat, parse

from kg import iris
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
