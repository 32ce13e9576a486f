"""Run one function over many files in worker processes, each file within bounds.

Every file gets a process of its own (forked, so the parent's imports are shared), at
most ``jobs`` at a time, each with an address-space limit and tied to the run's life
(limits.py). A worker that runs past its time limit is killed and its file reported as
timed out; one that runs out of memory reports its file as too large; one that dies
reports how it ended. The other files go on either way, so one hostile or huge document
cannot hang or break a run, and no worker outlives it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .limits import (
    DEFAULT_MAX_MEMORY,
    TOO_LARGE_EXIT,
    Unsupported,
    enter_worker,
    is_out_of_memory,
    signals_deferred,
    too_large,
)


@dataclass
class Finished:
    path: Path
    value: Any  # what the function returned (None when ``error`` is set)
    seconds: float
    error: str = ""  # why there is no value: timed out, crashed, raised


@dataclass
class _Running:
    path: Path
    process: multiprocessing.process.BaseProcess
    conn: Connection
    start: float


def _child(conn: Connection, fn: Callable[[Path], Any], path: Path, bounds: tuple) -> None:
    parent, max_memory, inherited, lifeline = bounds
    oom = ("error", too_large(max_memory) if max_memory else "too large: ran out of memory")
    try:
        enter_worker(parent, max_memory, inherited, lifeline)
        result = ("ok", fn(path))
    except BaseException as exc:  # reported to the parent, never lost
        if is_out_of_memory(exc):
            result = oom
        else:
            line = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result = ("error", f"internal error ({line})")
    try:
        conn.send(result)
    except MemoryError:  # the result itself is too large to send within the limit
        conn.send(oom)
    conn.close()


def run_each(
    fn: Callable[[Path], Any],
    paths: list[Path],
    *,
    jobs: int,
    timeout: float | None,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> Iterator[Finished]:
    """``fn(path)`` for every path, in up to ``jobs`` processes, each within ``timeout``
    seconds and ``max_memory`` bytes of address space; results as they finish."""
    if "fork" not in multiprocessing.get_all_start_methods():
        raise Unsupported(
            f"reading documents needs fork (Linux, macOS), which {sys.platform} lacks; "
            "read a published folder with reportparse.read"
        )
    ctx = multiprocessing.get_context("fork")
    waiting = list(paths)
    running: list[_Running] = []
    lifeline = os.pipe()  # the run holds the write end; a worker sees its end as the run's
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                path = waiting.pop(0)
                recv, send = ctx.Pipe(duplex=False)
                # the worker closes its own read end and those of the workers before it
                inherited = [recv] + [r.conn for r in running]
                bounds = (os.getpid(), max_memory, inherited, lifeline)
                proc = ctx.Process(target=_child, args=(send, fn, path, bounds), daemon=True)
                with signals_deferred():  # a Ctrl-C now would leave this worker unknown
                    proc.start()
                    running.append(_Running(path, proc, recv, time.perf_counter()))
                send.close()
            now = time.perf_counter()
            wait_for = None
            if timeout is not None:
                wait_for = max(0.0, min(r.start + timeout for r in running) - now)
            ready = wait([r.conn for r in running] + [r.process.sentinel for r in running],
                         timeout=wait_for)  # fmt: skip
            for r in list(running):
                done = _collect(r, ready, timeout, max_memory)
                if done is not None:
                    running.remove(r)
                    yield done
    finally:
        with signals_deferred():
            for r in running:
                r.process.kill()
                r.process.join()
                r.conn.close()
            for fd in lifeline:
                os.close(fd)


def _collect(
    r: _Running, ready: list, timeout: float | None, max_memory: int | None = None
) -> Finished | None:
    """The result of a worker that has finished, died or run out of time; else None."""
    seconds = time.perf_counter() - r.start
    if r.conn in ready or (r.process.sentinel in ready and r.conn.poll()):
        try:
            status, value = r.conn.recv()
        except (EOFError, OSError):
            status, value = "error", None
        r.process.join()
        r.conn.close()
        if status == "ok":
            return Finished(r.path, value, seconds)
        return Finished(r.path, None, seconds, value or _ended(r.process, max_memory))
    if r.process.sentinel in ready:
        r.process.join()
        r.conn.close()
        return Finished(r.path, None, seconds, _ended(r.process, max_memory))
    if timeout is not None and seconds >= timeout:
        r.process.kill()
        r.process.join()
        r.conn.close()
        return Finished(
            r.path, None, seconds, f"timed out: not read within {timeout:g} s (--timeout)"
        )
    return None


def _ended(process, max_memory: int | None = None) -> str:
    code = process.exitcode
    if code == TOO_LARGE_EXIT and max_memory:  # the portable memory watch ended it
        return too_large(max_memory)
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return f"internal error (the worker process ended unexpectedly, {how})"
