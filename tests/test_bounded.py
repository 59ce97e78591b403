"""The bounded reader: a call past its time or memory limit is stopped, and the next call runs."""

from __future__ import annotations

import os
import re
import threading
import time

import pytest

from kg.bounded import Bounded, Failed, LimitExceeded


def pid() -> int:
    return os.getpid()


def sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def allocate(mib: int) -> int:
    return len(bytearray(mib * 2**20))


def fail() -> None:
    raise KeyError("no such key")


def die() -> None:
    os._exit(3)


@pytest.fixture(scope="module")
def bounded():
    before = set(threading.enumerate())
    with Bounded(1, 256) as b:
        yield b
    assert set(threading.enumerate()) <= before  # leaving it stops pebble's threads (kg.parse forks)


def test_a_call_runs_in_a_child_process(bounded):
    assert bounded(pid) != os.getpid()
    assert bounded(sleep, 0.01) == 0.01


@pytest.mark.parametrize("fn,arg,reason", [
    (sleep, 5, "took more than 1 s"),
    (allocate, 2048, "needed more than 256 MiB"),
    (die, None, "its reader process died (exit code 3)"),
])
def test_past_a_limit_the_call_is_stopped_and_the_next_one_runs(bounded, fn, arg, reason):
    with pytest.raises(LimitExceeded, match=re.escape(reason)):
        bounded(fn, *([] if arg is None else [arg]))
    assert bounded(allocate, 64) == 64 * 2**20  # a fresh worker, with its memory to use


def test_an_error_comes_back_by_name(bounded):
    with pytest.raises(Failed, match="KeyError"):
        bounded(fail)
    assert bounded(sleep, 0) == 0
