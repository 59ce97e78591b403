"""The executor pool in-process, with real executor processes: long queries give way."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from kg.errors import KGError
from server.executor import ExecutorPool, LongQueriesBusy

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def request(store, query: str) -> dict:
    return {"op": "query", "store": str(store), "query": query, "accept": "text/csv",
            "params": {}, "max_rows": 10}


def my_executors() -> list[int]:
    """This process's executor children."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            if parent == os.getpid() and b"server.worker" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_a_long_query_without_a_long_slot_yields_to_a_waiting_one(seed_store):
    pool = ExecutorPool(size=2, warm=0)  # one long-query slot
    outcomes: list = []

    def runaway() -> None:
        try:
            pool.run(request(seed_store, RUNAWAY), timeout=60)
        except KGError as err:
            outcomes.append(err)

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1)
    answer = pool.run(request(seed_store, "ASK { ?s ?p ?o }"), timeout=60)
    assert answer["status"] == 200
    assert len(outcomes) == 1 and isinstance(outcomes[0], LongQueriesBusy)
    for pid in my_executors():  # the runaway holding the slot would run on to its timeout
        os.kill(pid, signal.SIGKILL)
    for t in threads:
        t.join(60)
    pool.close()
