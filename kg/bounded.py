"""Calls run in a child process with a time limit and a memory cap (pebble's process pool).

Third-party parsers (lxml, trafilatura, markdown-it) can take minutes or gigabytes on a hostile
input; in the child, a call past its limit is stopped and the worker replaced, so one input
costs at most `seconds` and `mib` MiB, and the build goes on (or stops) with a clear reason.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Self

from pebble import ProcessExpired, ProcessPool


class LimitExceeded(Exception):
    """A call passed its time or memory limit, or its process died; the message says which."""


class Failed(Exception):
    """The call raised an error of this name (not every library's errors can be sent back)."""


class Bounded:
    """One worker process, started on first use, running calls one at a time within limits.

    Use as a context manager: leaving it stops the worker (and pebble's threads), so that a
    process forked later (kg.parse) is forked from a process with no threads running.
    """

    def __init__(self, seconds: float, mib: int) -> None:
        self.seconds, self.mib = seconds, mib
        self._pool: ProcessPool | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the worker, if one runs; the next call starts a fresh one."""
        if self._pool is not None:
            self._pool.stop()
            self._pool.join()
            self._pool = None

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(*args) in the worker; LimitExceeded past the limits, Failed for fn's own errors.

        After any failure the worker is replaced: one that ran out of memory may hold it still.
        """
        if self._pool is None:
            self._pool = ProcessPool(max_workers=1, initializer=cap_memory, initargs=(self.mib,),
                                     context=multiprocessing.get_context("fork"))
        future = self._pool.schedule(guarded, args=(fn, *args), timeout=self.seconds)
        try:
            return future.result()
        except BaseException as err:
            self.stop()
            limit = self.exceeded(err)
            if limit is None:
                raise
            raise limit from None

    def exceeded(self, err: BaseException) -> LimitExceeded | None:
        """The limit a call's failure means it passed, if it means one."""
        if isinstance(err, FutureTimeout):
            return LimitExceeded(f"took more than {self.seconds:g} s")
        if isinstance(err, MemoryError):
            return LimitExceeded(f"needed more than {self.mib:,} MiB")
        if isinstance(err, ProcessExpired):
            return LimitExceeded(f"its reader process died (exit code {err.exitcode})")
        return None


def guarded(fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args), in the worker, its errors as ones that pickle (lxml's carry their error log)."""
    try:
        return fn(*args)
    except MemoryError:
        raise
    except Exception as err:  # noqa: BLE001 - any error of the parser, sent back by name
        if "memory" in str(err).lower():  # libxml2's "Memory allocation failed"
            raise MemoryError from None
        raise Failed(type(err).__name__) from None


def cap_memory(mib: int) -> None:
    """Let this process map at most `mib` MiB more than it has now (RLIMIT_AS; it was forked)."""
    try:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc: no cap rather than a wrong one
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + mib * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
