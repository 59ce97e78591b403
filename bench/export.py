"""Export: `kg export` in a child process, its time and peak memory, against bare pyoxigraph.

`run` (bench/run.py's export section): Turtle, against bare pyoxigraph in a child process of its
own opening the same snapshot read-only and serialising every triple with pyoxigraph.serialize.

`python -m bench.export STORE [--formats nquads,trig,...]`: every format against a bare
`Store.dump` of the same snapshot in the same format (a dataset format dumps the whole store,
the default graph included; a graph format the default graph), each in its own child process,
bare and kg alternating. The ratio is kg's quads/s over bare's, each counting what it wrote:
kg's dataset dumps hold the named graphs only (the default graph is their merge, derived).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg import store

# peak RSS is read from /proc/self/status (VmHWM) by the child itself: wait4's ru_maxrss would
# count the memory of this (large) parent process, which the child inherits at fork/exec
PEAK = """
import atexit, sys
def _peak():
    try:
        with open("/proc/self/status") as f:
            kib = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"PEAK-RSS-KIB {kib}\\n")
atexit.register(_peak)
"""
BARE = PEAK + """
from pyoxigraph import DefaultGraph, RdfFormat, Store, serialize
db = Store.read_only(sys.argv[1])
with open(sys.argv[2], "wb") as out:  # the default graph: every triple once, as kg export writes
    serialize((q.triple for q in db.quads_for_pattern(None, None, None, DefaultGraph())), out,
              RdfFormat.TURTLE)
"""
STORE_DUMP = PEAK + """
from pyoxigraph import DefaultGraph, RdfFormat, Store
fmt = getattr(RdfFormat, sys.argv[3])
db = Store.read_only(sys.argv[1])
if fmt.supports_datasets:
    db.dump(sys.argv[2], fmt)
else:
    db.dump(sys.argv[2], fmt, from_graph=DefaultGraph())
"""
KG = PEAK + """
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
main()
"""


@dataclass
class Export:
    """One store's export: quads, seconds and peak RSS (KiB) for kg and for bare pyoxigraph."""

    quads: int
    kg_seconds: float
    kg_maxrss_kib: int
    bare_seconds: float
    bare_maxrss_kib: int
    file_bytes: int


def child(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process, which must succeed."""
    seconds, _, peak = timed_child(argv)
    return seconds, peak


def timed_child(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one child process, which must succeed."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = cpu.ru_utime + cpu.ru_stime
    started = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:4]} failed ({proc.returncode}): {proc.stderr[-500:]}")
    peak = next((int(line.split()[1]) for line in proc.stderr.splitlines()
                 if line.startswith("PEAK-RSS-KIB ")), 0)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, cpu.ru_utime + cpu.ru_stime - cpu_before, peak


def run(store_dir: Path, out_dir: Path) -> Export:
    """Export the store with `kg export` and with bare pyoxigraph; both files are deleted after."""
    db = store.open_for_reading(store_dir)
    quads = store.count(db)  # distinct triples: what a Turtle export holds
    del db
    snap = store.latest_snapshot(store_dir) or store_dir / "db"
    kg_file, bare_file = out_dir / "kg.ttl", out_dir / "bare.ttl"
    bare_seconds, bare_rss = child([sys.executable, "-c", BARE, str(snap), str(bare_file)])
    kg_seconds, kg_rss = child([sys.executable, "-c", KG, "export", "--store", str(store_dir),
                                "--format", "turtle", "-o", str(kg_file)])
    size = kg_file.stat().st_size
    kg_file.unlink()
    bare_file.unlink()
    return Export(quads, kg_seconds, kg_rss, bare_seconds, bare_rss, size)


RDF_FORMATS = {"nquads": "N_QUADS", "trig": "TRIG", "turtle": "TURTLE", "ntriples": "N_TRIPLES",
               "jsonld": "JSON_LD"}


def against_store_dump(store_dir: Path, out_dir: Path, fmt: str) -> dict:
    """One format: kg export and a bare Store.dump of the same snapshot, quads and seconds each."""
    db = store.open_for_reading(store_dir)
    triples = store.count(db)
    named = sum(1 for _ in store.named_quads(db))
    del db
    dataset = fmt in store.DATASET_FORMATS
    snap = store.latest_snapshot(store_dir) or store_dir / "db"
    kg_file, bare_file = out_dir / f"kg.{fmt}", out_dir / f"bare.{fmt}"
    bare_seconds, bare_cpu, bare_rss = timed_child([sys.executable, "-c", STORE_DUMP, str(snap),
                                                    str(bare_file), RDF_FORMATS[fmt]])
    kg_seconds, kg_cpu, kg_rss = timed_child([sys.executable, "-c", KG, "export", "--store",
                                              str(store_dir), "--format", fmt, "-o", str(kg_file)])
    sizes = kg_file.stat().st_size, bare_file.stat().st_size
    kg_file.unlink()
    bare_file.unlink()
    kg_quads, bare_quads = (named, named + triples) if dataset else (triples, triples)
    return {"format": fmt, "kg_quads": kg_quads, "kg_s": kg_seconds, "kg_rss_mib": kg_rss // 1024,
            "bare_quads": bare_quads, "bare_s": bare_seconds, "bare_rss_mib": bare_rss // 1024,
            "quads_ratio": (kg_quads / kg_seconds) / (bare_quads / bare_seconds),
            "cpu_ratio": (kg_quads / kg_cpu) / (bare_quads / bare_cpu),
            "bytes_ratio": (sizes[0] / kg_cpu) / (sizes[1] / bare_cpu)}


def main(argv: list[str] | None = None) -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--formats", default=",".join(RDF_FORMATS))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    print("| format | kg quads | kg s | kg MiB | bare quads | bare s | bare MiB "
          "| x bare (quads/s) | x bare (quads/CPU s) | x bare (bytes/CPU s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            for _ in range(args.repeat):
                r = against_store_dump(args.store, Path(tmp), fmt)
                print(f"| {fmt} | {r['kg_quads']:,} | {r['kg_s']:.2f} | {r['kg_rss_mib']} "
                      f"| {r['bare_quads']:,} | {r['bare_s']:.2f} | {r['bare_rss_mib']} "
                      f"| {r['quads_ratio']:.2f} | {r['cpu_ratio']:.2f} | {r['bytes_ratio']:.2f} |",
                      flush=True)


if __name__ == "__main__":
    main()
