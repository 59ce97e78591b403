"""A small pool of killable executor processes per server worker (see server/worker.py).

Executors are kept warm and reused. Each is sealed off the network unless it was started for
a query that server/guard.py let out (then it comes from the pool's unsealed side), has a heap
cap, dies with its gunicorn worker (PR_SET_PDEATHSIG) and is killed when its query passes the
timeout or when the client that asked hangs up.
"""

from __future__ import annotations

import os
import queue
import select
import signal
import socket
import subprocess
import sys
import threading
import time

from kg.errors import KGError, QueryError
from server.worker import receive, send

SECRET_ENV = ("KG_UPDATE_TOKEN",)  # never handed to query processes


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


class QueryMemory(KGError):
    """The query needed more memory than an executor may have."""


class QueryTooComplex(QueryError):
    """The query is nested too deeply for the engine (its executor ran out of stack)."""


class ClientGone(KGError):
    """The client hung up while its query ran; the query was stopped."""


class QueryFailed(KGError):
    """An executor answered with an error status (400, 406, 502, 503 ...)."""

    def __init__(self, status: int, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.param = param


def hung_up(sock: socket.socket) -> bool | None:
    """True if the client closed its connection, False if it sent more, None if nothing yet."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return None
    except OSError:
        return True


class Executor:
    """One child process running `python -m server.worker`."""

    def __init__(self, memory_mib: int = 0, network: bool = False) -> None:
        self.memory_mib = memory_mib
        self.network = network
        env = {k: v for k, v in os.environ.items() if k not in SECRET_ENV}
        args = ["--parent", str(os.getpid()), "--memory", str(memory_mib)]
        self.proc = subprocess.Popen([sys.executable, "-m", "server.worker", *args,
                                      *(["--network"] if network else [])],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env={**env, "PYTHONUNBUFFERED": "1", "MALLOC_ARENA_MAX": "2"})

    def call(self, request: dict, timeout: float, watch: socket.socket | None = None) -> dict:
        """Send a request and wait for the answer; kill the process on timeout or hang-up."""
        try:
            send(self.proc.stdin, request)
        except OSError:
            raise self.died() from None
        deadline = time.monotonic() + timeout
        waiting = [self.proc.stdout] + ([watch] if watch is not None else [])
        while True:
            left = deadline - time.monotonic()
            ready = select.select(waiting, [], [], left)[0] if left > 0 else []
            if not ready:
                self.kill()
                raise QueryTimeout(timeout)
            if watch is not None and watch in ready:
                gone = hung_up(watch)
                if gone:
                    self.kill()
                    raise ClientGone("the client closed the connection; its query was stopped")
                if gone is False:  # a pipelined request: stop watching, it is not a hang-up
                    waiting.remove(watch)
            if self.proc.stdout in ready:
                answer = receive(self.proc.stdout)
                if answer is None:
                    raise self.died()
                return answer

    def died(self) -> KGError:
        """Why the process died while answering, as the error to give the client."""
        try:
            code = self.proc.wait(timeout=2)  # it is exiting: see how, before any kill of ours
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        if code == -signal.SIGSEGV:
            return QueryTooComplex("the query is nested too deeply for the SPARQL engine "
                                   "(too many nested groups, parentheses or UNIONs)")
        if code in (-signal.SIGABRT, -signal.SIGKILL):  # Rust's failed allocation; the OOM killer
            return QueryMemory(f"query needed more than {self.memory_mib} MiB of memory and was "
                               "stopped; narrow it or add a LIMIT")
        return ExecutorCrashed(f"the query executor died while answering (exit {code})")

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
    """Up to `size` executors busy at once, kept warm, replaced in the background when killed."""

    def __init__(self, size: int = 4, memory_mib: int = 0, warm: int = 2) -> None:
        self.size = size
        self.memory_mib = memory_mib
        self._slots = threading.BoundedSemaphore(size)
        self._idle: dict[bool, list[Executor]] = {False: [], True: []}
        self._lock = threading.Lock()
        # Executors are started by one long-lived thread: PR_SET_PDEATHSIG fires when the
        # *thread* that started a process ends, and request threads may come and go.
        self._orders: queue.Queue = queue.Queue()
        threading.Thread(target=self._spawner, daemon=True, name="kg-executors").start()
        for _ in range(min(warm, size)):
            self._orders.put((False, None))

    def _spawner(self) -> None:
        """Start executors as ordered: for a waiting request, or to keep one idle."""
        while True:
            network, reply = self._orders.get()
            try:
                ex = Executor(self.memory_mib, network)
            except OSError as err:
                ex = err
            if reply is not None:
                reply.put(ex)
            elif isinstance(ex, Executor):
                with self._lock:
                    self._idle[network].append(ex)

    def _start(self, network: bool) -> Executor:
        """A new executor, started by the spawner thread."""
        reply: queue.Queue = queue.Queue(1)
        self._orders.put((network, reply))
        ex = reply.get()
        if isinstance(ex, OSError):
            raise ExecutorCrashed(f"cannot start a query executor: {ex}")
        return ex

    def _take(self, network: bool) -> Executor:
        with self._lock:
            idle = self._idle[network]
            while idle:
                ex = idle.pop()
                if ex.alive():
                    return ex
                ex.kill()
        return self._start(network)

    def _call(self, network: bool, fresh: bool, request: dict, timeout: float,
              watch: socket.socket | None) -> dict:
        """One call in an executor of the given kind; a killed one is replaced in the background."""
        ex = self._start(network) if fresh else self._take(network)
        try:
            answer = ex.call(request, timeout, watch)
        except KGError:
            if not fresh and not network:
                self._orders.put((network, None))
            raise
        if fresh:
            ex.close()
        else:
            with self._lock:
                self._idle[network].append(ex)
        return answer

    def run(self, request: dict, timeout: float, fresh: bool = False,
            watch: socket.socket | None = None) -> dict:
        """Run one request within `timeout`: sealed first, unsealed if the guard lets it out.

        `fresh` uses a one-off process (updates); `watch` is the client's socket, so that a
        client hanging up stops its query.
        """
        start = time.monotonic()
        if not self._slots.acquire(timeout=timeout):
            raise ExecutorBusy("all query executors are busy; try again shortly")
        try:
            answer = self._call(False, fresh, request, timeout, watch)
            if answer.get("status") == "network":
                left = max(timeout - (time.monotonic() - start), 0.1)
                answer = self._call(True, fresh, request, left, watch)
            return answer
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every idle executor."""
        with self._lock:
            idle = self._idle[False] + self._idle[True]
            self._idle = {False: [], True: []}
        for ex in idle:
            ex.kill()
