"""Export: `kg export --format turtle` in a child process, its time and peak memory.

The baseline is bare pyoxigraph in a child process of its own: open the same snapshot
read-only and serialise every quad's triple as Turtle with pyoxigraph.serialize.
"""

from __future__ import annotations

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
    started = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:4]} failed ({proc.returncode}): {proc.stderr[-500:]}")
    peak = next((int(line.split()[1]) for line in proc.stderr.splitlines()
                 if line.startswith("PEAK-RSS-KIB ")), 0)
    return seconds, peak


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
