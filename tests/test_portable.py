"""The portable path (issue 21, item 6): where renameat2, prctl and RLIMIT_AS are missing, as
on macOS, publishing renames twice under the lock with a recovery step on the next run,
workers watch their run through a pipe, and a worker's memory is watched from inside it.
Here the Linux-only calls are switched off (REPORTPARSE_PORTABLE=1), so that the same
guarantees are checked on Linux."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reportparse.output import swap
from reportparse.output.outdir import Target
from reportparse.platform_calls import PORTABLE, linux_calls
from reportparse.run import limits
from reportparse.run.workers import run_each
from test_limits import LIMIT, alive, gone, read_pdf, start_run

import bombs
from outputs import hidden, version_of, writer

HERE = Path(__file__).parent
KILLED = 77


@pytest.fixture(autouse=True)
def portable(monkeypatch):
    monkeypatch.setenv(PORTABLE, "1")
    monkeypatch.setattr(swap, "renameat2", None)  # would raise if it were called
    monkeypatch.setattr(limits, "die_with_parent", None)
    monkeypatch.setattr(limits, "limit_memory", None)
    assert not linux_calls()


def _killed_at(target: Target, version: str, at: str) -> int:
    """Publish ``version`` in a child that dies (as under SIGKILL) at the step ``at``."""

    def step(name: str) -> None:
        if name == at:
            os._exit(KILLED)

    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        try:
            swap.publish_folder(target, writer(version), step=step)
        finally:
            os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_publishing_replaces_the_output_by_two_renames(tmp_path):
    target = Target(tmp_path, "extracted")
    swap.check_supported(target)
    for version in "123":
        swap.publish_folder(target, writer(version))
        assert version_of(target.path) == version
    assert hidden(tmp_path) == []
    assert (tmp_path / ".extracted.lock").is_file()


def test_a_run_killed_between_the_renames_is_recovered_by_the_next(tmp_path):
    target = Target(tmp_path, "extracted")
    swap.publish_folder(target, writer("1"))
    assert _killed_at(target, "2", "moved aside") == KILLED
    assert not target.path.exists()  # what differs from the exchange: a moment without output
    [aside] = [n for n in hidden(tmp_path) if ".old-" in n]
    assert version_of(tmp_path / aside) == "1"  # whole, beside it
    said = []
    swap.publish_folder(target, writer("3"), notice=said.append)
    assert said[0] == f"restored extracted from {aside}, left by a killed run"
    assert version_of(target.path) == "3"
    assert hidden(tmp_path) == []


@pytest.mark.parametrize(("at", "left"), [("written", "1"), ("swapped", "2")])
def test_a_run_killed_before_or_after_the_renames_leaves_a_whole_output(tmp_path, at, left):
    target = Target(tmp_path, "extracted")
    swap.publish_folder(target, writer("1"))
    assert _killed_at(target, "2", at) == KILLED
    assert version_of(target.path) == left
    said = []
    swap.publish_folder(target, writer("3"), notice=said.append)
    assert [line.split(" ")[0] for line in said] == ["removed"]
    assert version_of(target.path) == "3"
    assert hidden(tmp_path) == []


def test_no_worker_outlives_a_run_killed_with_sigkill():
    run, pids = start_run(2)  # the environment carries REPORTPARSE_PORTABLE=1
    run.kill()
    assert run.wait() == -signal.SIGKILL
    assert gone(pids)


def test_without_the_pipe_workers_would_outlive_the_run():
    """The control: the same run with neither the death signal nor the pipe."""
    run, pids = start_run(2, "--no-deathsig")
    run.kill()
    run.wait()
    try:
        assert all(alive(p) for p in pids)
    finally:
        for p in pids:
            os.kill(p, signal.SIGKILL)


def test_a_bomb_fails_alone_as_too_large_under_the_memory_watch(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bombs.inflating_pdf(4 * LIMIT))
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(bombs.text_pdf())
    found = run_each(read_pdf, [bomb, plain], jobs=1, timeout=None, max_memory=LIMIT)
    done = {f.path.name: f for f in found}
    assert done["bomb.pdf"].error == limits.too_large(LIMIT)
    assert done["plain.pdf"].value == ["Tabell 1: 1 234 personer"]


def test_the_python_api_needs_no_posix_module(tmp_path):
    """Windows has neither fcntl nor resource: reportparse.read reads a published folder
    all the same."""
    code = (
        "import sys; sys.modules['fcntl'] = None; sys.modules['resource'] = None\n"
        "import reportparse\n"
        f"obs = reportparse.read('observations', {str(HERE.parent / 'extracted')!r})\n"
        "print(len(obs), obs.region_code.iloc[0])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "529 00\n"), done.stderr


def test_a_system_without_fork_is_told_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr("sys.platform", "win32")
    with pytest.raises(limits.Unsupported) as err:
        list(run_each(read_pdf, [tmp_path / "x.pdf"], jobs=1, timeout=None))
    assert str(err.value) == (
        "reading documents needs fork (Linux, macOS), which win32 lacks; "
        "read a published folder with reportparse.read"
    )


@pytest.mark.slow
def test_the_reliability_tests_pass_on_the_portable_path(tmp_path):
    """The reliability suites, in a process of their own with the Linux-only calls off (the
    tests of the Linux path itself switch them back on)."""
    suites = ["test_reliability.py", "test_keeps_data.py", "test_hostile_inputs.py",
              "test_swap.py", "test_runs.py", "test_limits.py"]  # fmt: skip
    # a run of the suite of its own: not one of this run's pytest-xdist workers, whose
    # private home and shared folder (tests/conftest.py) it would otherwise take and race on
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST_")}
    env[PORTABLE] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
         "-m", "not slow", *(str(HERE / s) for s in suites)],
        capture_output=True, text=True, env=env, cwd=HERE.parent,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    shutil.rmtree(tmp_path, ignore_errors=True)
