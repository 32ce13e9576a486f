"""A lock beside an output folder (``.NAME.lock``, fcntl.flock), so that two runs never
publish into one folder at once. A second run waits a bounded time, saying once for whom,
then gives up with one line naming the process that holds the lock. The kernel releases
the lock when its holder ends, however it ends; the file stays (removing it would race).
Never fork while holding it: the child would share the lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .outdir import Target

DEFAULT_LOCK_WAIT = 60.0  # s; the lock covers publishing only (writing ~1 MB), not a run
POLL = 0.05  # s between two tries of a held lock
Notice = Callable[[str], None]


class LockBusy(Exception):
    """Another process held the lock for longer than the wait; the message says who."""


@contextmanager
def lock(target: Target, wait: float, notice: Notice = lambda line: None) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside the output, waiting at most ``wait`` seconds for it
    (saying once that it waits)."""
    path = target.parent / f".{target.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait
        tries = 0
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                tries += 1
                if tries == 1 and wait > 0:
                    notice(f"waiting for {lock_holder(fd)} to finish publishing into {target.path}")
                if time.monotonic() >= deadline:
                    raise LockBusy(
                        f"{lock_holder(fd)} is publishing into {target.path}; "
                        f"gave up after waiting {wait:g} s"
                    ) from None
                time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays (removing it would race)


def lock_holder(fd: int) -> str:
    """The process that holds the lock on ``fd``'s file: from /proc/locks, else the pid the
    holder wrote into it."""
    st = os.fstat(fd)
    pid = _flock_pid(f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}")
    if pid is None:
        try:
            pid = int(os.pread(fd, 32, 0).decode().strip())
        except ValueError:
            return "another process"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            words = f.read().rstrip(b"\0").split(b"\0")
        command = " ".join(os.fsdecode(w) for w in words)[:80]
    except OSError:
        return f"process {pid}"
    return f"process {pid} ({command})"


def _flock_pid(file_id: str) -> int | None:
    """The pid of the flock on the file ``major:minor:inode`` (as /proc/locks writes it)."""
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()  # 1: FLOCK ADVISORY WRITE <pid> <maj:min:inode> 0 EOF
                if len(parts) > 5 and parts[1] == "FLOCK" and parts[5] == file_id:
                    return int(parts[4])
    except (OSError, ValueError):
        return None
    return None
