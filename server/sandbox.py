"""What a query process may do: no sockets unless it federates, bounded memory (dying with its
parent is kg.processes.die_with_parent).

Applied by each executor process (server/worker.py) to itself at start, before it opens the
store. The network seal is a seccomp filter: the kernel answers EPERM to every `socket()` (and
to `io_uring_setup`, another way to make one), so no spelling of a query can make a sealed
process reach any host, whatever the parser thinks the query says. Only executors started for
queries whose SERVICE/LOAD targets server/guard.py found on the allow-list are left unsealed.
"""

from __future__ import annotations

import ctypes
import platform
import resource
import struct

PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_EPERM = 0x00050000 | 1  # SECCOMP_RET_ERRNO | EPERM
X32_SYSCALL_BIT = 0x40000000
# machine -> (AUDIT_ARCH_*, seccomp syscall, syscalls refused: socket, io_uring_setup)
ARCHES = {"x86_64": (0xC000003E, 317, (41, 425)), "aarch64": (0xC00000B7, 277, (198, 425))}
BPF_LD_W_ABS, BPF_JEQ_K, BPF_JGE_K, BPF_RET_K = 0x20, 0x15, 0x35, 0x06


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    """One classic BPF instruction (struct sock_filter)."""
    return struct.pack("HBBI", code, jt, jf, k)


def network_filter(machine: str) -> bytes:
    """A seccomp program refusing the syscalls that make sockets (and every foreign ABI)."""
    arch, _, refused = ARCHES[machine]
    prog = [_op(BPF_LD_W_ABS, 4),                       # seccomp_data.arch
            _op(BPF_JEQ_K, arch, 1, 0),
            _op(BPF_RET_K, SECCOMP_RET_EPERM),           # a foreign ABI (i386 socketcall ...)
            _op(BPF_LD_W_ABS, 0)]                        # seccomp_data.nr
    if machine == "x86_64":
        prog += [_op(BPF_JGE_K, X32_SYSCALL_BIT, len(refused) + 1, 0)]
    for i, nr in enumerate(refused):
        prog.append(_op(BPF_JEQ_K, nr, len(refused) - i, 0))
    prog += [_op(BPF_RET_K, SECCOMP_RET_ALLOW), _op(BPF_RET_K, SECCOMP_RET_EPERM)]
    return b"".join(prog)


def seal_network() -> bool:
    """Forbid this process (every thread) to make sockets from now on; False if unsupported."""
    machine = platform.machine()
    if platform.system() != "Linux" or machine not in ARCHES:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    program = ctypes.create_string_buffer(network_filter(machine))
    length = len(program.raw) // 8
    fprog = struct.pack("HxxxxxxP", length, ctypes.addressof(program))
    fbuf = ctypes.create_string_buffer(fprog)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    nr = ARCHES[machine][1]
    return libc.syscall(nr, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, fbuf) == 0


def cap_memory(mib: int) -> None:
    """Limit this process's heap (RLIMIT_DATA: private writable memory, not mapped store files)."""
    limit = mib << 20
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
