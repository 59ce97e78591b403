"""The executor pool in-process, with real executor processes: long queries give way."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kg.errors import KGError
from server.executor import ExecutorCrashed, ExecutorPool, LongQueriesBusy

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


def test_a_request_waiting_for_an_executor_that_cannot_start_is_told_so(seed_store, monkeypatch):
    monkeypatch.setattr("server.executor.sys.executable", "/nonexistent/python")
    pool = ExecutorPool(size=2, warm=0)
    outcomes: list = []

    def ask() -> None:
        try:
            outcomes.append(pool.run(request(seed_store, "ASK { ?s ?p ?o }"), timeout=30))
        except KGError as err:
            outcomes.append(err)

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()  # it did not wait on for an executor that never comes
    assert len(outcomes) == 1 and isinstance(outcomes[0], ExecutorCrashed)
    assert "cannot start a query executor" in str(outcomes[0])
    pool.close()


def test_requests_beyond_the_idle_executors_are_all_answered(seed_store):
    others = set(my_executors())  # left by earlier tests' pools
    pool = ExecutorPool(size=4, warm=1)
    with ThreadPoolExecutor(6) as clients:
        answers = list(clients.map(lambda _: pool.run(request(seed_store, "ASK { ?s ?p ?o }"),
                                                      timeout=60), range(12)))
    assert [a["status"] for a in answers] == [200] * 12
    deadline = time.monotonic() + 30  # executors ordered for the waiting requests still arrive
    while len(set(my_executors()) - others) > 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert 1 <= len(set(my_executors()) - others) <= 4  # never more kept than the pool's size
    pool.close()
