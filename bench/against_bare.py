"""kg serve against the bare app (bench/baselines/bare_app.py): each query kind alone, 4 clients.

    python -m bench.against_bare STORE_DIR [--requests 300] [--kinds "entity lookup,aggregate"]
        [--rounds 6] [--before DIR [--before-options "--answer-cache 0"]]

The servers run at once on the same snapshot (2 gunicorn workers each) and are measured in
turns, each kind in several rounds (the order of the servers rotated from round to round):
the median requests/s with 4 client threads, and the 99th percentile latency of all rounds.
`kg serve` runs with every feature on (timeouts, guard, caps, CORS, security headers, sealed
executors) twice: as it ships, and with `--answer-cache 0` (every request asked of the engine
again). The ratio is the median over rounds of kg's requests/s over the bare app's in the same
round (the goal is >= 0.9), and kg's p99 over the bare app's (<= 1.5). The server's CPU
seconds per request (its processes' user + system time, from /proc) are shown too: on a busy
machine they move far less than requests/s, which other people's work takes its share of. With --before DIR, kg
serve run from that checkout (an earlier commit) takes its turn too, so a change is measured
against the code before it in the same run (with --before-options, run with those `kg serve`
options). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shlex
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import serving
from kg import store

TICKS = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants alive now
    (gunicorn's master, its workers, kg's executors), read from /proc."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        used[child] = (int(fields[11]) + int(fields[12])) / TICKS
    tree, grew = {pid}, True
    while grew:
        found = {c for c, p in parents.items() if p in tree} - tree
        tree |= found
        grew = bool(found)
    return sum(used.get(p, 0.0) for p in tree)


def measure(base: str, work: list[tuple[str, str]], pid: int) -> tuple[float, list[float], float]:
    """(requests/s with CLIENTS threads, each request's seconds, the server's CPU seconds per
    request) over `work`, after a warm-up."""
    for kind, query in work[:8]:
        fetch(base, kind, query)
    cpu = cpu_seconds(pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(serving.CLIENTS) as pool:
        seconds = list(pool.map(lambda kq: fetch(base, *kq), work))
    took = time.perf_counter() - started
    return len(work) / took, seconds, (cpu_seconds(pid) - cpu) / len(work)


def servers(store_dir: Path, before: Path | None, before_options: tuple[str, ...] = ()
            ) -> dict[str, tuple[subprocess.Popen, str]]:
    """The servers to measure, by name: the bare app, kg serve (with and without its answer
    cache) and, given `before` (another checkout of kg, say an earlier commit), its kg serve
    with `before_options`."""
    started = {"bare app": start_bare(store_dir)}
    try:
        started["kg serve"] = serving.start_server(store_dir, 2)
        started["kg serve, no answer cache"] = serving.start_server(store_dir, 2,
                                                                    "--answer-cache", "0")
        if before is not None:
            name = " ".join((f"kg serve at {before.name}", *before_options))
            started[name] = serving.start_server(store_dir, 2, *before_options, code=before)
    except BaseException:
        for proc, _ in started.values():
            serving.stop_server(proc)
        raise
    return started


def compare(store_dir: Path, n: int, kinds: list[str], rounds: int = 6,
            before: Path | None = None, before_options: tuple[str, ...] = ()
            ) -> dict[str, dict[str, dict[str, float]]]:
    """Per kind and server: the median requests/s, the p99 seconds of every request, the median
    server CPU seconds per request, and the medians of the ratios of its requests/s and of its
    CPU to the bare app's in the same round, over `rounds` rounds of `n` requests. In each
    round the servers take turns, in an order rotated from round to round, so a burst of load
    from elsewhere on the machine falls on all of them."""
    db = store.open_for_reading(store_dir)
    everything = serving.requests(db, n * len(serving.QUERIES))
    del db
    procs = servers(store_dir, before, before_options)
    names = list(procs)
    found: dict[str, dict[str, dict[str, float]]] = {}
    try:
        for kind in kinds:
            work = [kq for kq in everything if kq[0] == kind][:n]
            rps: dict[str, list[float]] = {s: [] for s in names}
            cpu: dict[str, list[float]] = {s: [] for s in names}
            seconds: dict[str, list[float]] = {s: [] for s in names}
            for turn in range(rounds):
                for name in names[turn % len(names):] + names[:turn % len(names)]:
                    proc, base = procs[name]
                    speed, took, used = measure(base, work, proc.pid)
                    rps[name].append(speed)
                    cpu[name].append(used)
                    seconds[name] += took
            found[kind] = {s: {
                "rps": statistics.median(rps[s]), "p99": serving.p99(seconds[s]),
                "cpu": statistics.median(cpu[s]),
                "x rps": statistics.median(x / b for x, b in zip(rps[s], rps["bare app"])),
                "x cpu": statistics.median(x / b for x, b in zip(cpu[s], cpu["bare app"]) if b)}
                for s in names}
    finally:
        for proc, _ in procs.values():
            serving.stop_server(proc)
    return found


def table(found: dict[str, dict[str, dict[str, float]]]) -> str:
    """The comparison as a Markdown table."""
    lines = [("| query kind | server | requests/s | p99 ms | server CPU ms/request | "
             "x bare (req/s) | x bare (p99) | x bare (CPU) |"), "|---|---|---|---|---|---|---|---|"]
    for kind, servers_found in found.items():
        bare_p99 = servers_found["bare app"]["p99"]
        for name, f in servers_found.items():
            lines.append(f"| {kind} | {name} | {f['rps']:.0f} | {f['p99'] * 1000:.1f} | "
                         f"{f['cpu'] * 1000:.2f} | {f['x rps']:.2f} | {f['p99'] / bare_p99:.2f} | "
                         f"{f['x cpu']:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the comparison and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--requests", type=int, default=300, help="requests per kind and round")
    parser.add_argument("--kinds", default=",".join(serving.QUERIES))
    parser.add_argument("--rounds", type=int, default=6, help="turns per kind")
    parser.add_argument("--before", type=Path, help="another checkout of kg to measure too "
                        "(`git worktree add DIR COMMIT`), as it ships")
    parser.add_argument("--before-options", default="",
                        help='kg serve options for the --before checkout, e.g. "--answer-cache 0"')
    args = parser.parse_args(argv)
    print(table(compare(args.store, args.requests, args.kinds.split(","), args.rounds,
                        args.before, tuple(shlex.split(args.before_options)))))


if __name__ == "__main__":
    main()
