"""kg serve against the bare app (bench/baselines/bare_app.py): each query kind alone, 4 clients.

    python -m bench.against_bare STORE_DIR [--requests 300] [--kinds "entity lookup,aggregate"]
        [--rounds 6] [--before DIR]

The servers run at once on the same snapshot (2 gunicorn workers each) and are measured in
turns, each kind in several rounds (the order of the servers rotated from round to round):
the median requests/s with 4 client threads, and the 99th percentile latency of all rounds.
`kg serve` runs with every feature on (timeouts, guard, caps, CORS, security headers, sealed
executors) twice: as it ships, and with `--answer-cache 0` (every request asked of the engine
again). The ratio is the median over rounds of kg's requests/s over the bare app's in the same
round (the goal is >= 0.9), and kg's p99 over the bare app's (<= 1.5). With --before DIR, kg
serve run from that checkout (an earlier commit) takes its turn too, so a change is measured
against the code before it in the same run. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import serving
from kg import store


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


def measure(base: str, work: list[tuple[str, str]]) -> tuple[float, list[float]]:
    """(requests/s with CLIENTS threads, each request's seconds) over `work`, after a warm-up."""
    for kind, query in work[:8]:
        fetch(base, kind, query)
    started = time.perf_counter()
    with ThreadPoolExecutor(serving.CLIENTS) as pool:
        seconds = list(pool.map(lambda kq: fetch(base, *kq), work))
    return len(work) / (time.perf_counter() - started), seconds


def servers(store_dir: Path, before: Path | None) -> dict[str, tuple[subprocess.Popen, str]]:
    """The servers to measure, by name: the bare app, kg serve (with and without its answer
    cache) and, given `before` (another checkout of kg, say an earlier commit), its kg serve."""
    started = {"bare app": start_bare(store_dir)}
    try:
        started["kg serve"] = serving.start_server(store_dir, 2)
        started["kg serve, no answer cache"] = serving.start_server(store_dir, 2,
                                                                    "--answer-cache", "0")
        if before is not None:
            started[f"kg serve at {before.name}"] = serving.start_server(store_dir, 2, code=before)
    except BaseException:
        for proc, _ in started.values():
            serving.stop_server(proc)
        raise
    return started


def compare(store_dir: Path, n: int, kinds: list[str], rounds: int = 6,
            before: Path | None = None) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Per kind and server: (median requests/s, p99 seconds of every request, median ratio of
    its requests/s to the bare app's in the same round) over `rounds` rounds of `n` requests.
    In each round the servers take turns, in an order rotated from round to round, so a burst
    of load from elsewhere on the machine falls on all of them."""
    db = store.open_for_reading(store_dir)
    everything = serving.requests(db, n * len(serving.QUERIES))
    del db
    procs = servers(store_dir, before)
    names = list(procs)
    found: dict[str, dict[str, tuple[float, float, float]]] = {}
    try:
        for kind in kinds:
            work = [kq for kq in everything if kq[0] == kind][:n]
            rps: dict[str, list[float]] = {s: [] for s in names}
            seconds: dict[str, list[float]] = {s: [] for s in names}
            for turn in range(rounds):
                for name in names[turn % len(names):] + names[:turn % len(names)]:
                    speed, took = measure(procs[name][1], work)
                    rps[name].append(speed)
                    seconds[name] += took
            found[kind] = {s: (statistics.median(rps[s]), serving.p99(seconds[s]),
                               statistics.median(x / b for x, b in zip(rps[s], rps["bare app"])))
                           for s in names}
    finally:
        for proc, _ in procs.values():
            serving.stop_server(proc)
    return found


def table(found: dict[str, dict[str, tuple[float, float, float]]]) -> str:
    """The comparison as a Markdown table."""
    lines = ["| query kind | server | requests/s | p99 ms | x bare (req/s) | x bare (p99) |",
             "|---|---|---|---|---|---|"]
    for kind, servers_found in found.items():
        bare_p99 = servers_found["bare app"][1]
        for name, (speed, tail, ratio) in servers_found.items():
            lines.append(f"| {kind} | {name} | {speed:.0f} | {tail * 1000:.1f} | "
                         f"{ratio:.2f} | {tail / bare_p99:.2f} |")
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
    args = parser.parse_args(argv)
    print(table(compare(args.store, args.requests, args.kinds.split(","), args.rounds,
                        args.before)))


if __name__ == "__main__":
    main()
