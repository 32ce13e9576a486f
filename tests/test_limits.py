"""Workers are bounded: a document that inflates past --max-memory fails alone as too large,
workers hold no pipe but their own, and no worker outlives a run killed by any signal."""

from __future__ import annotations

import io
import mmap
import multiprocessing.connection
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest

from reportparse.run import limits
from reportparse.run.limits import GiB, MiB, format_size, parse_size, too_large
from reportparse.run.workers import run_each

import bombs

HERE = Path(__file__).parent
GENEROUS = 120.0  # s: a bound for things that happen at once; never reached when all is well


def read_pdf(path: Path) -> list[str]:
    """A stand-in for the pipeline's reader: every page's text."""
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        return [page.extract_text() for page in pdf.pages]


LIMIT = 64 * MiB  # a low --max-memory: what a worker may add to what it starts with


def test_a_bomb_fails_alone_as_too_large(tmp_path):
    limit = LIMIT
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bombs.inflating_pdf(2 * limit))  # inflates past the whole limit
    assert bomb.stat().st_size < 64 * 1024
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(bombs.text_pdf())
    found = run_each(read_pdf, [bomb, plain], jobs=1, timeout=None, max_memory=limit)
    done = {f.path.name: f for f in found}
    assert done["bomb.pdf"].error == too_large(limit)
    assert too_large(limit) == f"too large: needed more than {format_size(limit)} (--max-memory)"
    assert done["bomb.pdf"].value is None
    assert done["plain.pdf"].error == ""
    assert done["plain.pdf"].value == ["Tabell 1: 1 234 personer"]


def test_a_result_too_large_to_send_is_too_large(tmp_path):
    """A result of six tenths of the limit fits once, not twice (pickling it copies it).
    The run is a process of its own: a worker may also fill what its parent has freed but
    still holds mapped, which in a test process that has read documents can be more than
    the four tenths this leaves."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reportparse.run.workers import run_each\n"
        f"def big(path): return b'x' * {LIMIT * 6 // 10}\n"
        f"[done] = run_each(big, [Path(sys.argv[1])], jobs=1, timeout=None, max_memory={LIMIT})\n"
        "print(done.error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x")], capture_output=True, text=True
    )
    assert done.stdout.splitlines() == [too_large(LIMIT)], done.stderr


def test_the_limit_is_on_top_of_what_a_worker_starts_with(tmp_path):
    """A run that holds much address space (threads of a library, memory it mapped) forks
    workers that hold it too: the document still gets its whole --max-memory."""
    held = mmap.mmap(-1, 4 * LIMIT)  # reserved by the run, inherited by its workers

    def room(path: Path) -> int:
        got = bytearray(LIMIT * 8 // 10)  # fits: most of the limit, whatever the run holds
        return len(got)

    try:
        [done] = run_each(room, [tmp_path / "x"], jobs=1, timeout=None, max_memory=LIMIT)
    finally:
        held.close()
    assert (done.error, done.value) == ("", LIMIT * 8 // 10)


def test_workers_hold_no_result_pipe_but_their_own(tmp_path, monkeypatch):
    created: list[int] = []
    real = multiprocessing.connection.Pipe

    def recording_pipe(duplex=True):
        recv, send = real(duplex)
        created.append(os.fstat(recv.fileno()).st_ino)
        return recv, send

    monkeypatch.setattr(multiprocessing.connection, "Pipe", recording_pipe)

    def pipes_held(path: Path) -> set[int]:
        held = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                st = os.fstat(int(fd))
            except OSError:
                continue
            if stat.S_ISFIFO(st.st_mode):
                held.add(st.st_ino)
        return held

    paths = [tmp_path / f"doc-{i}" for i in range(3)]
    done = list(run_each(pipes_held, paths, jobs=3, timeout=None))
    assert len(created) == 3
    assert [len(f.value & set(created)) for f in done] == [1, 1, 1]


def test_a_worker_takes_the_default_action_on_sigint_and_sigterm(tmp_path):
    def dispositions(path: Path):
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), blocked

    with limits.sigterm_as_interrupt():
        [done] = run_each(dispositions, [tmp_path / "x"], jobs=1, timeout=None)
    default, blocked = signal.SIG_DFL, signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert done.value == (default, default, blocked)  # the run defers them while it forks
    assert signal.SIGTERM not in blocked


def test_a_worker_past_its_time_is_stopped(tmp_path):
    def forever(path: Path) -> None:
        while True:
            time.sleep(3600)

    [done] = run_each(forever, [tmp_path / "x"], jobs=1, timeout=0.5)
    assert done.error == "timed out: not read within 0.5 s (--timeout)"


def start_run(jobs: int, *flags: str) -> tuple[subprocess.Popen, list[int]]:
    """The sleepers run, and the pids of its workers once they have all started."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), str(HERE)]))
    run = subprocess.Popen(
        [sys.executable, str(HERE / "sleepers.py"), str(jobs), *flags],
        stdout=subprocess.PIPE,
        env=env,
    )
    pids = [int(run.stdout.readline()) for _ in range(jobs)]
    return run, pids


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def gone(pids: list[int]) -> bool:
    """Poll until every pid has ended; False if one still runs after GENEROUS seconds."""
    deadline = time.monotonic() + GENEROUS
    while any(alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_no_worker_outlives_a_run_killed_with_sigkill():
    run, pids = start_run(2)
    run.kill()
    assert run.wait() == -signal.SIGKILL
    assert gone(pids)


def test_without_the_death_signal_workers_would_outlive_it():
    """The control: the same run without PR_SET_PDEATHSIG leaves its workers running."""
    run, pids = start_run(2, "--no-deathsig")
    run.kill()
    run.wait()
    try:
        assert all(alive(p) for p in pids)
    finally:
        for p in pids:
            os.kill(p, signal.SIGKILL)
    assert gone(pids)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_ends_a_run_as_ctrl_c_does(sig):
    """Without the death signal, so that it is the run that stops its workers."""
    run, pids = start_run(2, "--no-deathsig")
    run.send_signal(sig)
    assert run.wait() == 128 + sig
    assert not any(alive(p) for p in pids)  # stopped and reaped before the run ended


def test_sizes():
    assert format_size(4 * GiB) == "4 GiB"
    assert format_size(3 * GiB // 2) == "1.5 GiB"
    assert format_size(768 * MiB) == "768 MiB"
    assert [parse_size(t) for t in ("4", "4G", "4GiB", "1.5g", "512M", "512MiB")] == [
        4 * GiB, 4 * GiB, 4 * GiB, 3 * GiB // 2, 512 * MiB, 512 * MiB,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="not a size: '4T'"):
        parse_size("4T")
    assert too_large(2 * GiB) == "too large: needed more than 2 GiB (--max-memory)"
