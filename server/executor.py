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
from pathlib import Path

from kg.errors import KGError, QueryError
from server.worker import LONG, receive, send

SECRET_ENV = ("KG_UPDATE_TOKEN",)  # never handed to query processes
IDLE_SECONDS = 120.0  # an executor idle this long beyond the warm ones is stopped (a start costs
# 0.3 s of CPU, seconds of wall time on a loaded machine: bursts a minute apart reuse them)
LONG_WALL = 2 * LONG  # wall seconds after which a request counts as long however little CPU


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


class LongQueriesBusy(KGError):
    """The pool already runs as many long queries as it lets run at once."""


class ClientGone(KGError):
    """The client hung up while its query ran; the query was stopped."""


class QueryFailed(KGError):
    """An executor answered with an error status (400, 406, 502, 503 ...)."""

    def __init__(self, status: int, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.param = param


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used, from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
        self.idle_since = time.monotonic()
        self.cpu_mark: float | None = None  # CPU seconds used when its last answer came
        self.reniced = False
        env = {k: v for k, v in os.environ.items() if k not in SECRET_ENV}
        args = ["--parent", str(os.getpid()), "--memory", str(memory_mib)]
        self.proc = subprocess.Popen([sys.executable, "-m", "server.worker", *args,
                                      *(["--network"] if network else [])],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env={**env, "PYTHONUNBUFFERED": "1", "MALLOC_ARENA_MAX": "2"})

    def wait_ready(self, timeout: float = 120) -> None:
        """Wait until the process has started (imports, sandbox): it then answers at once."""
        if not select.select([self.proc.stdout], [], [], timeout)[0]:
            self.kill()
            raise ExecutorCrashed(f"a query executor did not start within {timeout:g} s")
        hello = receive(self.proc.stdout)
        if hello is None:
            raise self.died()
        self.cpu_mark = hello.get("cpu")

    def call(self, request: dict, timeout: float, watch: socket.socket | None = None,
             gate=None) -> dict:
        """Send a request and wait for the answer; kill the process on timeout or hang-up.

        Once the request has used LONG CPU seconds (wall seconds where that is unknown) it is
        made nicer, so that short requests on other executors get the CPU first; from then on,
        or after LONG_WALL seconds, `gate()` is asked every LONG seconds: False stops it.
        """
        try:
            send(self.proc.stdin, request)
        except OSError:
            raise self.died() from None
        started, cpu = time.monotonic(), self.cpu_mark
        deadline, ask = started + timeout, started + LONG
        waiting = [self.proc.stdout] + ([watch] if watch is not None else [])
        while True:
            wake = deadline if gate is None else min(deadline, ask)
            left = wake - time.monotonic()
            ready = select.select(waiting, [], [], left)[0] if left > 0 else []
            if not ready and gate is not None and time.monotonic() < deadline:
                ask += LONG
                now, wall = cpu_seconds(self.proc.pid), time.monotonic() - started
                used = wall if cpu is None or now is None else now - cpu
                if used >= LONG:
                    self.renice()
                if (used >= LONG or wall >= LONG_WALL) and not gate():
                    self.kill()
                    raise LongQueriesBusy(
                        "the server is already running as many long queries as it allows and "
                        f"others are waiting; this one was stopped after {wall:.0f} s. Try again "
                        "shortly, or narrow it")
                continue
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
                self.cpu_mark = answer.pop("cpu", None)
                return answer

    def renice(self) -> None:
        """Lower the process's priority (for good: only privileged processes may raise it)."""
        if not self.reniced:
            self.reniced = True
            try:
                os.setpriority(os.PRIO_PROCESS, self.proc.pid, 10)
            except OSError:
                pass

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
    """Up to `size` executors busy at once, kept warm, replaced in the background when killed.

    `warm` executors are kept idle; those the load called for beyond them are stopped after
    IDLE_SECONDS unused, so the server's memory comes back down after a burst. A request that
    finds no idle executor orders a new one and takes whichever is idle first, that one or one
    another request has just finished with: starting a process costs a second or more on a
    loaded machine, far longer than most queries wait for a busy executor to finish.
    """

    def __init__(self, size: int = 4, memory_mib: int = 0, warm: int = 2) -> None:
        self.size, self.warm = size, min(warm, size)
        self.memory_mib = memory_mib
        self._slots = threading.BoundedSemaphore(size)
        # While others wait for an executor, queries past LONG seconds may hold at most half of
        # them: the rest are stopped, so a client sending runaways cannot fill the pool.
        self._long = threading.BoundedSemaphore(max(1, size // 2))
        self._waiting = 0  # requests waiting for an executor
        self._idle: dict[bool, list[Executor]] = {False: [], True: []}
        self._coming = {False: 0, True: 0}  # executors ordered for the idle ones, not yet there
        self._wanting = {False: 0, True: 0}  # requests waiting for an idle executor
        self._failures, self._failure = 0, None  # executors that could not start; the last why
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)  # an executor parked, or failed to start
        # Executors are started by one long-lived thread: PR_SET_PDEATHSIG fires when the
        # *thread* that started a process ends, and request threads may come and go.
        self._orders: queue.Queue = queue.Queue()
        threading.Thread(target=self._spawner, daemon=True, name="kg-executors").start()
        with self._lock:
            for _ in range(self.warm):
                self._order(False)

    def _order(self, network: bool) -> None:
        """Order one more idle executor of this kind (the lock held)."""
        self._coming[network] += 1
        self._orders.put((network, None))

    def _spawner(self) -> None:
        """Start executors as ordered (for a waiting request, or to keep one idle); stop idle ones."""
        while True:
            try:
                network, reply = self._orders.get(timeout=IDLE_SECONDS / 3)
            except queue.Empty:
                self._retire()
                continue
            try:
                ex = Executor(self.memory_mib, network)
            except OSError as err:
                if reply is not None:
                    reply.put(err)
                else:
                    self._arrived(network, None, err)
                continue
            threading.Thread(target=self._deliver, args=(ex, reply), daemon=True).start()

    def _deliver(self, ex: Executor, reply: queue.Queue | None) -> None:
        """Once a new executor is ready, hand it to the request waiting for it, or park it."""
        try:
            ex.wait_ready()
        except KGError as err:
            if reply is not None:
                reply.put(err)
            else:
                self._arrived(ex.network, None, err)
            return
        if reply is not None:
            reply.put(ex)
        else:
            self._arrived(ex.network, ex)

    def _arrived(self, network: bool, ex: Executor | None, err: Exception | None = None) -> None:
        """An ordered executor is ready (parked), or could not be started (`err`)."""
        with self._lock:
            self._coming[network] -= 1
            if err is not None:
                self._failures, self._failure = self._failures + 1, err
                self._ready.notify_all()
        if ex is not None:
            self._park(ex)

    def _park(self, ex: Executor) -> None:
        """Put an executor back among the idle ones (stopped if the pool has enough)."""
        ex.idle_since = time.monotonic()
        with self._lock:
            idle = self._idle[ex.network]
            if len(idle) < self.size:
                idle.append(ex)
                self._ready.notify_all()
                return
        ex.kill()

    def _retire(self) -> None:
        """Stop the executors idle for IDLE_SECONDS beyond the warm ones (and all unsealed ones)."""
        now, stale = time.monotonic(), []
        with self._lock:
            for network, idle in self._idle.items():
                keep = 0 if network else self.warm
                while len(idle) > keep and now - idle[0].idle_since > IDLE_SECONDS:
                    stale.append(idle.pop(0))
        for ex in stale:
            ex.kill()

    def _start(self, network: bool) -> Executor:
        """A new executor, started by the spawner thread."""
        reply: queue.Queue = queue.Queue(1)
        self._orders.put((network, reply))
        ex = reply.get()
        if isinstance(ex, Exception):
            raise ExecutorCrashed(f"cannot start a query executor: {ex}")
        return ex

    def _take(self, network: bool) -> Executor:
        """An idle executor of this kind, else the first one to become idle: as many new ones
        are on their way as requests wait, so none waits longer than a start."""
        with self._ready:
            failures = self._failures
            self._wanting[network] += 1
            try:
                while True:
                    idle = self._idle[network]
                    while idle:
                        ex = idle.pop()  # the most recently used: the oldest idle ones get retired
                        if ex.alive():
                            return ex
                        ex.kill()
                    if self._failures != failures:
                        raise ExecutorCrashed(f"cannot start a query executor: {self._failure}")
                    if self._coming[network] < self._wanting[network]:
                        self._order(network)
                    self._ready.wait()
            finally:
                self._wanting[network] -= 1

    def _call(self, network: bool, fresh: bool, request: dict, timeout: float,
              watch: socket.socket | None) -> dict:
        """One call in an executor of the given kind; a killed one is replaced in the background."""
        ex = self._start(network) if fresh else self._take(network)
        held: list[bool] = []

        def gate() -> bool:
            """Whether a long request may go on: it holds a long slot, or no one is waiting."""
            if not held and self._long.acquire(blocking=False):
                held.append(True)
            return bool(held) or self._waiting == 0

        try:
            answer = ex.call(request, timeout, watch, None if fresh else gate)
        except BaseException:
            ex.kill()  # whatever went wrong, its query must not run on unwatched
            if not fresh and not network:
                with self._lock:
                    self._order(network)
            raise
        finally:
            if held:
                self._long.release()
        if fresh:
            ex.close()
        elif ex.reniced:  # it stays nice: a fresh one takes its place
            ex.kill()
            if not network:
                with self._lock:
                    self._order(network)
        else:
            self._park(ex)
        return answer

    def run(self, request: dict, timeout: float, fresh: bool = False,
            watch: socket.socket | None = None) -> dict:
        """Run one request within `timeout`: sealed first, unsealed if the guard lets it out.

        `fresh` uses a one-off process (updates); `watch` is the client's socket, so that a
        client hanging up stops its query.
        """
        start = time.monotonic()
        with self._lock:
            self._waiting += 1
        try:
            got = self._slots.acquire(timeout=timeout)
        finally:
            with self._lock:
                self._waiting -= 1
        if not got:
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
