"""Bounds on one document's worker: memory, signals, and its life tied to the run's.

A worker is forked from the run (workers.py) and, before it reads its document, calls
``enter_worker``: it dies with the run (PR_SET_PDEATHSIG), lets go of the pipes of other
workers it inherited, takes the default action on SIGINT and SIGTERM, and gets an
address-space limit (RLIMIT_AS, on top of what it starts with), so that a document that
inflates past it fails alone with ``too large: needed more than 2 GiB``. In the run,
``sigterm_as_interrupt`` makes SIGTERM end it the way Ctrl-C does.

Where prctl and RLIMIT_AS are missing (macOS; or switched off, platform_calls.py), a worker
watches a pipe whose other end only the run holds, and dies when it reads the end of it
(the run has ended, however it ended); and it watches its own peak resident memory every
few milliseconds, ending with TOO_LARGE_EXIT when it grows past the limit.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..platform_calls import linux_calls

GiB = 1 << 30
MiB = 1 << 20
# Address space one document may use in its worker, on top of the 421 MiB a forked worker
# starts with (the interpreter and its libraries). Reading a corpus document adds at most
# 13 MiB (imdi-nokkeltall-2025.pdf reads within 13 MiB and fails within 12). 2 GiB is over
# a hundred times that; --jobs 2 workers stay within 5 GiB, a fifth of this 24 GiB machine
# that other work shares; and a bomb fails after inflating 2 GiB, in half the time 4 GiB
# would take, so that even on a loaded machine it is told as too large within --timeout.
DEFAULT_MAX_MEMORY = 2 * GiB
# Seconds one document may take. A corpus document takes 0.1 to 3 s to read (the 18-page
# imdi-rapport-2021.pdf the longest: 2.4 to 3.0 s with the load average at 4 on 2 cores);
# 60 s lets a report ten times as long read on a machine twice as slow, while a hostile
# document holds a run for one minute, not ten.
DEFAULT_TIMEOUT = 60.0
# The most --max-memory may say: the address space of a 64-bit process (47 bits on x86-64
# and arm64). More cannot be given to a worker; a limit beyond it is a typing error.
MAX_MEMORY = 1 << 47
PR_SET_PDEATHSIG = 1
# The portable memory watch: how often a worker looks at its peak resident memory, and the
# exit status that says it grew past the limit. 10 ms: reading a corpus document takes
# 100 ms or more, and a bomb inflating at 1 GiB/s overshoots by 10 MiB at most between looks.
MEMORY_WATCH_SECONDS = 0.01
TOO_LARGE_EXIT = 86
# ru_maxrss is in KiB on Linux, in bytes on macOS
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Unsupported(RuntimeError):
    """A bound that this system cannot set."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, as Ctrl-C raises KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def enter_worker(
    parent: int, max_memory: int | None, inherited: Iterable = (), lifeline: tuple = ()
) -> None:
    """Everything a freshly forked worker does before its document (``parent``: the run's
    pid; ``inherited``: connections the run holds for other workers, closed here;
    ``lifeline``: the read and write ends of the pipe only the run holds open)."""
    if lifeline:
        os.close(lifeline[1])  # the run's end: only the run may hold it
    if linux_calls():
        die_with_parent(parent)
    else:
        watch_parent(parent, lifeline[0])
    for conn in inherited:
        conn.close()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # deferred by the run at fork
    if max_memory is not None:
        if linux_calls():
            limit_memory(max_memory)
        else:
            watch_memory(max_memory)


def watch_parent(parent: int, lifeline: int) -> None:
    """The portable PR_SET_PDEATHSIG: die when the run's end of the pipe ``lifeline`` closes
    (it does when the run ends, however it ends); at once if the run is gone already."""
    if os.getppid() != parent:
        os._exit(1)

    def wait_for_the_end() -> None:
        while os.read(lifeline, 1):
            pass
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=wait_for_the_end, name="lifeline", daemon=True).start()


def peak_resident() -> int:
    """The most bytes this process has held in memory at once."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * MAXRSS_UNIT


def watch_memory(max_bytes: int) -> None:
    """The portable RLIMIT_AS: end this process with TOO_LARGE_EXIT once its peak resident
    memory is ``max_bytes`` over what it held when the watch began."""
    start = peak_resident()

    def watch() -> None:
        while peak_resident() - start <= max_bytes:
            time.sleep(MEMORY_WATCH_SECONDS)
        os._exit(TOO_LARGE_EXIT)

    threading.Thread(target=watch, name="memory watch", daemon=True).start()


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when the thread that forked it ends; at once if it has."""
    if sys.platform != "linux":
        raise Unsupported(f"workers need Linux (prctl PR_SET_PDEATHSIG); this is {sys.platform}")
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the run died before the prctl
        os._exit(1)


def limit_memory(max_bytes: int) -> None:
    """At most ``max_bytes`` of address space for this process on top of what it holds now
    (a forked worker holds the run's: the interpreter, its libraries, and whatever the run
    itself reserved, which differs from one run to another). The hard limit is lowered too,
    so that the document's code cannot raise it."""
    limit = address_space() + max_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def address_space() -> int:
    """The bytes of address space this process holds (VmSize)."""
    with open("/proc/self/statm", "rb") as f:
        pages = int(f.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def is_out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc``, or an exception it came from, is a MemoryError (pdfplumber wraps
    zlib's in PdfminerException; the web page reader turns libxml2's into one)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, MemoryError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def too_large(max_bytes: int) -> str:
    return f"too large: needed more than {format_size(max_bytes)} (--max-memory)"


def format_size(n: int) -> str:
    """128 TiB, 4 GiB, 1.5 GiB, 512 MiB."""
    if n >= 1024 * GiB:
        return f"{n / (1024 * GiB):.1f}".removesuffix(".0") + " TiB"
    if n >= GiB:
        return f"{n / GiB:.1f}".removesuffix(".0") + " GiB"
    return f"{n / MiB:.0f} MiB"


def parse_size(text: str) -> int:
    """Bytes from ``4``, ``4G``, ``4GiB``, ``1.5G``, ``512M``, ``512MiB`` (no unit: GiB)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([gm]?)(?:i?b)?\s*", text, re.I)
    if not m:
        raise ValueError(f"not a size: {text!r} (write 4G, 1.5G or 512M)")
    unit = MiB if m.group(2).lower() == "m" else GiB
    size = int(float(m.group(1)) * unit)
    if size > MAX_MEMORY:
        raise ValueError(
            f"{text.strip()!r} is more than {format_size(MAX_MEMORY)}, "
            "the address space of a process"
        )
    return size


@contextmanager
def signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends: a worker is never forked without the
    run knowing it, nor left half stopped."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated (a KeyboardInterrupt) in the main thread,
    so that workers are stopped and temporary folders removed as on Ctrl-C."""

    def raise_terminated(signum, frame):
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
