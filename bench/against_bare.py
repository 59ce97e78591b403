"""kg serve against the bare app (bench/baselines/bare_app.py): each query kind alone, 4 clients.

    python -m bench.against_bare STORE_DIR [--requests 300] [--kinds "entity lookup,aggregate"]

Both servers run at once on the same snapshot (2 gunicorn workers each) and are measured in
turns, each kind twice per server, the faster round kept (noise on a shared machine only ever
adds time): requests/s with 4 client threads and the 99th percentile latency. `kg serve` runs
with every feature on (timeouts, guard, caps, CORS, security headers, sealed executors) twice:
as it ships, and with `--answer-cache 0` (every request asked of the engine again). The ratio is
kg's requests/s over the bare app's (the goal is >= 0.9) and kg's p99 over the bare app's
(<= 1.5). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import serving
from kg import store

SERVERS = ("bare app", "kg serve", "kg serve, no answer cache")


def start_bare(store_dir: Path, workers: int = 2) -> tuple[subprocess.Popen, str]:
    """The bare app as a subprocess on 127.0.0.1; returns it and its base URL once it answers."""
    port = serving.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bench.baselines.bare_app", str(store_dir),
                             str(port), str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(base, "entity lookup", "ASK {}")
            return proc, base
        except OSError:
            time.sleep(0.2)
    serving.stop_server(proc)
    raise RuntimeError("the bare app did not come up")


def fetch(base: str, kind: str, query: str) -> float:
    """Seconds for one GET /sparql on a new connection, body read in full; fails on non-200."""
    host, port = base.removeprefix("http://").split(":")
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                     headers={"Accept": serving.ACCEPT[kind == "construct"]})
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    if resp.status != 200:
        raise OSError(f"{resp.status}: {body[:200]!r}")
    return time.perf_counter() - started


def measure(base: str, work: list[tuple[str, str]]) -> tuple[float, float]:
    """(requests/s with CLIENTS threads, p99 seconds) over `work`, after a warm-up."""
    for kind, query in work[:8]:
        fetch(base, kind, query)
    started = time.perf_counter()
    with ThreadPoolExecutor(serving.CLIENTS) as pool:
        seconds = list(pool.map(lambda kq: fetch(base, *kq), work))
    return len(work) / (time.perf_counter() - started), serving.p99(seconds)


def compare(store_dir: Path, n: int, kinds: list[str]) -> dict[str, dict[str, tuple[float, float]]]:
    """Per kind and server, the best (requests/s, p99) of two rounds of `n` requests."""
    db = store.open_for_reading(store_dir)
    everything = serving.requests(db, n * len(serving.QUERIES))
    del db
    procs = [start_bare(store_dir), serving.start_server(store_dir, 2),
             serving.start_server(store_dir, 2, "--answer-cache", "0")]
    found: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        for kind in kinds:
            work = [kq for kq in everything if kq[0] == kind][:n]
            runs: dict[str, list[tuple[float, float]]] = {s: [] for s in SERVERS}
            for _ in range(2):
                for name, (_, base) in zip(SERVERS, procs):
                    runs[name].append(measure(base, work))
            found[kind] = {s: (max(r[0] for r in rs), min(r[1] for r in rs))
                           for s, rs in runs.items()}
    finally:
        for proc, _ in procs:
            serving.stop_server(proc)
    return found


def table(found: dict[str, dict[str, tuple[float, float]]]) -> str:
    """The comparison as a Markdown table."""
    lines = ["| query kind | server | requests/s | p99 ms | x bare (req/s) | x bare (p99) |",
             "|---|---|---|---|---|---|"]
    for kind, servers in found.items():
        bare_rps, bare_p99 = servers["bare app"]
        for name, (rps, tail) in servers.items():
            lines.append(f"| {kind} | {name} | {rps:.0f} | {tail * 1000:.1f} | "
                         f"{rps / bare_rps:.2f} | {tail / bare_p99:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the comparison and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--requests", type=int, default=300, help="requests per kind and round")
    parser.add_argument("--kinds", default=",".join(serving.QUERIES))
    args = parser.parse_args(argv)
    print(table(compare(args.store, args.requests, args.kinds.split(","))))


if __name__ == "__main__":
    main()
