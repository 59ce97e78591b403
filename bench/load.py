"""Load: 50 clients mixing point queries, runaway queries and dumps against `kg serve` for 60 s.

Example: python -m bench.load --seconds 60 --clients 50

Everything is on 127.0.0.1 and bounded (a fixed number of client threads, a fixed duration).
The server runs with its defaults except a 5 s query timeout and a 384 MiB cap per query, so
runaway queries end within the run. The baseline is the same server idle, measured in the same
run: point-query latency before the load, and the memory of the server's processes (gunicorn
and its query executors) before and after. The run fails (exit 1) on any 5xx but the documented
503s (timeout, memory, busy).
"""

from __future__ import annotations

import argparse
import random
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # `python bench/load.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests

from bench import serving

KINDS = (("point", 0.80), ("runaway cpu", 0.05), ("runaway memory", 0.03),
         ("dump", 0.07), ("slow dump", 0.05))
RUNAWAY = {"runaway cpu": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
           "runaway memory": "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?x ?y"}
DOCUMENTED_503 = ("query stopped after", "query needed more than", "executors are busy",
                  "large downloads", "as many long queries as it allows")  # the documented reasons for a 503


@dataclass
class Tally:
    """What one kind of request got."""

    statuses: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)  # of the 503s
    seconds: list[float] = field(default_factory=list)
    undocumented: list[str] = field(default_factory=list)


def rss_mib(pid: int, kind: str = "RssAnon") -> float:
    """Resident memory of a process and all its descendants, MiB: anonymous memory (the heap:
    what a leak would grow) by default; "VmRSS" adds mapped store files the kernel may drop."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            todo += [int(c) for t in Path(f"/proc/{p}/task").iterdir()
                     for c in (t / "children").read_text().split()]
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in status.splitlines()
                     if line.startswith(kind + ":"))  # none for a zombie
    return total / 1024


def one(base: str, kind: str, entity: str) -> tuple[int, str]:
    """Send one request of `kind`; its status and (for errors) the start of its body."""
    if kind == "point":
        q = f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}"
        resp = requests.get(f"{base}/sparql?" + urllib.parse.urlencode({"query": q}), timeout=120)
        return resp.status_code, resp.text[:120]
    if kind in RUNAWAY:
        resp = requests.post(f"{base}/sparql", data={"query": RUNAWAY[kind]}, timeout=120)
        return resp.status_code, resp.text[:120]
    with requests.get(f"{base}/dump.nq", stream=True, timeout=120) as resp:
        if not resp.ok:
            return resp.status_code, resp.text[:120]
        for _ in resp.iter_content(65536):
            if kind == "slow dump":
                time.sleep(0.05)  # about 1 MiB/s
        return resp.status_code, ""


def client(base: str, until: float, entities: list[str], seed: int,
           tallies: dict[str, Tally], lock: threading.Lock) -> None:
    """Send requests of random kinds until `until`."""
    rng = random.Random(seed)
    names, weights = zip(*KINDS)
    while time.monotonic() < until:
        kind = rng.choices(names, weights)[0]
        started = time.perf_counter()
        try:
            status, text = one(base, kind, rng.choice(entities))
        except requests.RequestException as err:
            status, text = 0, type(err).__name__
        seconds = time.perf_counter() - started
        with lock:
            t = tallies[kind]
            t.statuses[status] += 1
            t.seconds.append(seconds)
            if status == 503:
                t.reasons[next((r for r in DOCUMENTED_503 if r in text), text[:40])] += 1
            if status == 0 or (status >= 500 and not (
                    status == 503 and any(reason in text for reason in DOCUMENTED_503))):
                t.undocumented.append(f"{status} {text}")


def idle_latency(base: str, entities: list[str], n: int = 60) -> list[float]:
    """Point-query latencies on the idle server, one client."""
    out = []
    for entity in entities[:n]:
        started = time.perf_counter()
        one(base, "point", entity)
        out.append(time.perf_counter() - started)
    return out


def stalled_latency(base: str, entities: list[str], readers: int = 20) -> list[float]:
    """Point-query latencies while `readers` clients ask for /dump.nq and never read it."""
    host, port = base.rsplit("//", 1)[1].split(":")
    socks = []
    for _ in range(readers):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect((host, int(port)))
        sock.sendall(b"GET /dump.nq HTTP/1.1\r\nHost: x\r\n\r\n")
        socks.append(sock)
    try:
        time.sleep(1)
        return idle_latency(base, entities)
    finally:
        for sock in socks:
            sock.close()


def memory_after(pid: int, start: float, settle: float = 45.0) -> float:
    """The server's memory once the load is over, waiting up to `settle` s for it to come down."""
    deadline = time.monotonic() + settle
    now = rss_mib(pid)
    while time.monotonic() < deadline and now > start * 1.1:
        time.sleep(1)
        now = rss_mib(pid)
    return now


def run(store_dir: Path, seconds: float, clients: int) -> dict:
    """The load run: per-kind tallies, idle and loaded point latencies, memory before/peak/after."""
    from kg import store

    entities = serving.pools(store.open_for_reading(store_dir))["e"]
    proc, base = serving.start_server(store_dir, 2, "--timeout", "5", "--query-memory", "384")
    try:
        idle_latency(base, entities, 20)  # warm both workers
        idle = idle_latency(base, entities)
        stalled = stalled_latency(base, entities)
        time.sleep(2)  # the stalled readers' slots are given back as their sockets close
        start = rss_mib(proc.pid)
        tallies = {kind: Tally() for kind, _ in KINDS}
        lock, peak = threading.Lock(), [start]
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(base, until, entities, i, tallies, lock))
                   for i in range(clients)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak[0] = max(peak[0], rss_mib(proc.pid))
            time.sleep(0.5)
        after = memory_after(proc.pid, start)
        again = idle_latency(base, entities)
    finally:
        serving.stop_server(proc)
    return {"tallies": tallies, "idle": idle, "stalled": stalled, "idle_after": again,
            "memory": (start, peak[0], after),
            "seconds": seconds, "clients": clients}


def row(*cells: object) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def report(result: dict) -> str:
    """The run as Markdown tables."""
    med, p99 = serving.median, serving.p99
    lines = [row("requests", "n", "statuses", "503 because", "median s", "p99 s"),
             row(*["---"] * 6)]
    for kind, t in result["tallies"].items():
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(t.statuses.items()))
        reasons = "; ".join(f"{r}: {n}" for r, n in t.reasons.most_common())
        lines.append(row(kind, len(t.seconds), statuses, reasons or "-", f"{med(t.seconds):.3f}",
                         f"{p99(t.seconds):.3f}"))
    idle = result["idle"]
    lines += ["", row("point query", "median ms", "p99 ms", "x idle (median)"), row(*["---"] * 4)]
    for name, xs in (("idle, before", idle), ("20 stalled dump readers", result["stalled"]),
                     ("under the mixed load", result["tallies"]["point"].seconds),
                     ("idle, after", result["idle_after"])):
        lines.append(row(name, f"{med(xs) * 1000:.1f}", f"{p99(xs) * 1000:.1f}",
                         f"{med(xs) / med(idle):.2f}"))
    start, peak, after = result["memory"]
    lines += ["", row("server memory (RSS, all processes)", "MiB", "x start"), row(*["---"] * 3)]
    for name, mib in (("before the load", start), ("peak", peak), ("after", after)):
        lines.append(row(name, f"{mib:.0f}", f"{mib / start:.2f}"))
    bad = [u for t in result["tallies"].values() for u in t.undocumented]
    lines += ["", f"Undocumented errors (5xx but the documented 503s, or no answer): {len(bad)}"]
    return "\n".join(lines + [f"- {u}" for u in bad[:10]])


def main() -> None:
    """Build (or take) a store, run the load, print the report; exit 1 on undocumented errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store to serve (default: seeds/, grown)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--triples", type=int, default=100_000,
                        help="without --store: grow the seed graph to this many triples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = args.store
        if store_dir is None:
            from bench import bigstore
            from kg.config import SEEDS_DIR
            from kg.pipeline import build

            build([str(SEEDS_DIR)], Path(tmp) / "seeds")
            store_dir = Path(tmp) / "grown"
            bigstore.grow(Path(tmp) / "seeds", store_dir, args.triples)
        result = run(store_dir, args.seconds, args.clients)
    print(report(result))
    if any(t.undocumented for t in result["tallies"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
