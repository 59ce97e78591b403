"""A small pool of killable executor processes per server worker (see server/worker.py)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time

from kg.errors import KGError
from server.worker import receive, send


class QueryTimeout(KGError):
    """A query ran past the server's timeout and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"query stopped after {seconds:g} s (timeout); its executor process "
                         "was killed. Narrow the query, add a LIMIT, or ask the server operator "
                         "for a longer --timeout")
        self.seconds = seconds


class ExecutorBusy(KGError):
    """Every executor stayed busy for the whole timeout."""


class ExecutorCrashed(KGError):
    """The executor process died while answering."""


class Executor:
    """One child process running `python -m server.worker`."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "server.worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def call(self, request: dict, timeout: float) -> dict:
        """Send a request and wait for the answer; kill the process if it takes too long."""
        try:
            send(self.proc.stdin, request)
        except OSError:
            self.kill()
            raise ExecutorCrashed("the query executor died; try again") from None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.kill()
            raise QueryTimeout(timeout)
        answer = receive(self.proc.stdout)
        if answer is None:
            self.kill()
            raise ExecutorCrashed("the query executor died while answering (out of memory?)")
        return answer

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.proc.poll() is None

    def close(self) -> None:
        """Let the process finish by closing its input; kill it if it lingers."""
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def kill(self) -> None:
        """Stop the process now and reap it."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class ExecutorPool:
    """Up to `size` executors, started on demand, reused, replaced when killed."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[Executor] = []
        self._lock = threading.Lock()

    def _take(self) -> Executor:
        with self._lock:
            while self._idle:
                ex = self._idle.pop()
                if ex.alive():
                    return ex
                ex.kill()
        return Executor()

    def run(self, request: dict, timeout: float, fresh: bool = False) -> dict:
        """Run one request in an executor (a one-off process if `fresh`), within `timeout`."""
        start = time.monotonic()
        if not self._slots.acquire(timeout=timeout):
            raise ExecutorBusy("all query executors are busy; try again shortly")
        try:
            ex = Executor() if fresh else self._take()
            left = max(timeout - (time.monotonic() - start), 0.1)
            answer = ex.call(request, left if fresh else timeout)
            if fresh:
                ex.close()
            else:
                with self._lock:
                    self._idle.append(ex)
            return answer
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every idle executor."""
        with self._lock:
            idle, self._idle = self._idle, []
        for ex in idle:
            ex.kill()
