"""Run one function over many files in worker processes, each file with a time limit.

Every file gets a process of its own (forked, so the parent's imports are shared), at
most ``jobs`` at a time. A worker that runs past its time limit is killed and its file
reported as timed out; a worker that dies reports how it ended. The other files go on
either way, so one hostile or huge document cannot hang or break a run.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any


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


def _child(conn: Connection, fn: Callable[[Path], Any], path: Path) -> None:
    try:
        result = ("ok", fn(path))
    except BaseException as exc:  # reported to the parent, never lost
        line = traceback.format_exception_only(type(exc), exc)[-1].strip()
        result = ("error", f"internal error ({line})")
    conn.send(result)
    conn.close()


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_each(
    fn: Callable[[Path], Any], paths: list[Path], *, jobs: int, timeout: float | None
) -> Iterator[Finished]:
    """``fn(path)`` for every path, in up to ``jobs`` processes; results as they finish."""
    ctx = _context()
    waiting = list(paths)
    running: list[_Running] = []
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                path = waiting.pop(0)
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(send, fn, path), daemon=True)
                proc.start()
                send.close()
                running.append(_Running(path, proc, recv, time.perf_counter()))
            now = time.perf_counter()
            wait_for = None
            if timeout is not None:
                wait_for = max(0.0, min(r.start + timeout for r in running) - now)
            ready = wait([r.conn for r in running] + [r.process.sentinel for r in running],
                         timeout=wait_for)  # fmt: skip
            for r in list(running):
                done = _collect(r, ready, timeout)
                if done is not None:
                    running.remove(r)
                    yield done
    finally:
        for r in running:
            r.process.kill()
            r.process.join()
            r.conn.close()


def _collect(r: _Running, ready: list, timeout: float | None) -> Finished | None:
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
        return Finished(r.path, None, seconds, value or _ended(r.process))
    if r.process.sentinel in ready:
        r.process.join()
        r.conn.close()
        return Finished(r.path, None, seconds, _ended(r.process))
    if timeout is not None and seconds >= timeout:
        r.process.kill()
        r.process.join()
        r.conn.close()
        return Finished(
            r.path, None, seconds, f"timed out: not read within {timeout:g} s (--timeout)"
        )
    return None


def _ended(process) -> str:
    code = process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return f"internal error (the worker process ended unexpectedly, {how})"
