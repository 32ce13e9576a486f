"""Publishing is a swap: a run killed at any step leaves a whole output in place, and the
next run cleans up what it left. A kill is simulated by a forked child that ends with
os._exit (no cleanup runs, as under SIGKILL) at the named step."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from reportparse import platform_calls
from reportparse.output import outdir, renameat2, swap
from reportparse.output.lock import lock
from reportparse.output.outdir import MARKER, OutError, Target
from reportparse.output.swap import PublishError, publish_folder
from reportparse.platform_calls import PORTABLE

from outputs import FILES, hidden, version_of, writer

KILLED = 77
STEPS = [
    "locked", "recovered", "created", "marked", "written", "synced", "swapped",
    "parent synced", "removing", "done",
]  # fmt: skip
# what a kill at each step leaves beside the output: (version in place, leftover)
AFTER_KILL = {
    "locked": ("1", None),
    "recovered": ("1", None),
    "created": ("1", "empty"),  # the new folder, nothing in it yet
    "marked": ("1", "marker"),  # the new folder with its marker only
    "written": ("1", "new"),  # the new output, whole, not yet in place
    "synced": ("1", "new"),
    "swapped": ("2", "old"),  # exchanged: the old output waits for removal
    "parent synced": ("2", "old"),
    "removing": ("2", "half"),  # the old output partly removed, marker kept
    "done": ("2", None),
}


def killed_at(point: str, target: Target, version: str) -> int:
    """Publish ``version`` in a child that dies at ``point``; its exit status."""
    seen = []

    def step(name: str) -> None:
        seen.append(name)
        if name == point:
            os._exit(KILLED)

    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        try:
            publish_folder(target, writer(version), step=step)
        finally:
            os._exit(0 if point not in seen else KILLED)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def leftover_kind(folder: Path) -> str:
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    if not names:
        return "empty"
    if names == [MARKER]:
        return "marker"
    if "datapackage.json" in names and not set(FILES) <= set(names):
        return "half"
    return {"1": "old", "2": "new"}[version_of(folder)]


@pytest.mark.parametrize("point", STEPS)
def test_a_kill_at_any_step_leaves_a_whole_output(tmp_path, point):
    target = Target(tmp_path, "extracted")
    publish_folder(target, writer("1"))
    assert killed_at(point, target, "2") == KILLED
    in_place, leftover = AFTER_KILL[point]
    assert version_of(target.path) == in_place
    left = hidden(tmp_path)
    assert [leftover_kind(tmp_path / n) for n in left] == ([leftover] if leftover else [])
    notices = []
    publish_folder(target, writer("3"), notice=notices.append)
    assert version_of(target.path) == "3"
    assert hidden(tmp_path) == []
    assert notices == [f"removed {n}, left by a killed run" for n in left]
    assert sorted(os.listdir(tmp_path)) == [".extracted.lock", "extracted"]


@pytest.mark.parametrize("point", ["created", "marked", "written", "synced", "swapped"])
def test_a_kill_during_the_first_publish(tmp_path, point):
    target = Target(tmp_path, "extracted")
    assert killed_at(point, target, "1") == KILLED
    assert target.path.exists() == (point == "swapped")
    publish_folder(target, writer("2"))
    assert version_of(target.path) == "2"
    assert hidden(tmp_path) == []


def test_an_error_while_writing_removes_the_new_folder_at_once(tmp_path):
    target = Target(tmp_path, "extracted")
    publish_folder(target, writer("1"))

    def full_disk(folder: Path) -> None:
        writer("2")(folder)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(PublishError) as err:
        publish_folder(target, full_disk)
    assert str(err.value) == f"cannot publish into {target.path}: No space left on device"
    assert version_of(target.path) == "1"
    assert hidden(tmp_path) == []


def test_an_interrupt_while_writing_leaves_the_output_alone(tmp_path):
    target = Target(tmp_path, "extracted")
    publish_folder(target, writer("1"))

    def interrupted(name: str) -> None:
        if name == "written":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish_folder(target, writer("2"), step=interrupted)
    assert version_of(target.path) == "1"
    assert hidden(tmp_path) == []


def test_a_file_added_to_the_output_is_never_removed(tmp_path):
    target = Target(tmp_path, "extracted")
    publish_folder(target, writer("1"))
    (target.path / "notes.txt").write_text("mine")
    with pytest.raises(OutError):
        publish_folder(target, writer("2"))
    assert (target.path / "notes.txt").read_text() == "mine"

    # written between the check and the swap: the old output is kept whole, beside
    (target.path / "notes.txt").unlink()
    notices = []

    def sneak(name: str) -> None:
        if name == "synced":
            (target.path / "notes.txt").write_text("mine")

    publish_folder(target, writer("2"), step=sneak, notice=notices.append)
    assert version_of(target.path) == "2"
    [kept] = hidden(tmp_path)
    assert (tmp_path / kept / "notes.txt").read_text() == "mine"
    assert notices == [f"kept the previous extracted as {kept}: it holds notes.txt"]


def test_the_old_code_s_leftovers_are_restored_or_left_alone(tmp_path):
    """The two-rename publish (before this module) killed between its renames: no output,
    the previous one hidden as .NAME.old-*, the new one as .NAME.tmp-* without marker."""
    target = Target(tmp_path, "extracted")
    old = tmp_path / ".extracted.old-abcd1234"
    old.mkdir()
    writer("1")(old)
    tmp = tmp_path / ".extracted.tmp-efgh5678"
    tmp.mkdir()
    (tmp / "sources.csv").write_text("half")
    notices = []
    publish_folder(target, writer("2"), notice=notices.append)
    assert notices == [
        "restored extracted from .extracted.old-abcd1234, left by a killed run",
        "left .extracted.tmp-efgh5678 alone: it holds files that are not reportparse's",
    ]
    assert version_of(target.path) == "2"
    assert hidden(tmp_path) == [".extracted.tmp-efgh5678"]


def test_names_like_leftovers_of_another_output_are_not_touched(tmp_path):
    for name in (".extracted.tmp-b.tmp-abcd1234", ".extracted.tmp-ABCD1234", ".x.tmp-abcd1234"):
        (tmp_path / name).mkdir()
    publish_folder(Target(tmp_path, "extracted"), writer("1"))
    assert hidden(tmp_path) == [
        ".extracted.tmp-ABCD1234", ".extracted.tmp-b.tmp-abcd1234", ".x.tmp-abcd1234"
    ]  # fmt: skip


def test_a_second_publish_fails_at_once_naming_the_holder(tmp_path):
    target = Target(tmp_path, "extracted")
    with lock(target, 0), pytest.raises(PublishError) as err:
        publish_folder(target, writer("1"), lock_wait=0)
    cmdline = Path("/proc/self/cmdline").read_bytes().rstrip(b"\0").split(b"\0")
    command = " ".join(os.fsdecode(w) for w in cmdline)[:80]
    assert str(err.value) == (
        f"process {os.getpid()} ({command}) is publishing into {target.path}; "
        "gave up after waiting 0 s"
    )
    assert not target.path.exists()
    assert (tmp_path / ".extracted.lock").read_text() == f"{os.getpid()}\n"


def test_a_second_publish_waits_for_the_first(tmp_path):
    target = Target(tmp_path, "extracted")
    waiting = threading.Event()
    notices: list[str] = []
    errors: list[BaseException] = []

    def note(line: str) -> None:
        notices.append(line)
        waiting.set()

    def second() -> None:
        try:
            publish_folder(target, writer("2"), lock_wait=600, notice=note)
        except BaseException as exc:  # pragma: no cover (reported below)
            errors.append(exc)

    with lock(target, 0):
        publish_folder_thread = threading.Thread(target=second)
        publish_folder_thread.start()
        assert waiting.wait(timeout=120), "the second publish never waited"
        assert not target.path.exists()  # it waits: nothing published yet
    publish_folder_thread.join(timeout=120)
    assert errors == []
    assert version_of(target.path) == "2"
    assert notices[0].startswith(f"waiting for process {os.getpid()} (")
    assert notices[0].endswith(f") to finish publishing into {target.path}")


def test_concurrent_publishes_from_processes_all_succeed(tmp_path):
    target = Target(tmp_path, "extracted")
    pids = []
    for version in "12345":
        pid = os.fork()
        if pid == 0:  # pragma: no cover (child)
            try:
                publish_folder(target, writer(version), lock_wait=600)
                os._exit(0)
            except BaseException:
                os._exit(1)
        pids.append(pid)
    assert [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids] == [0] * 5
    assert version_of(target.path) in "12345"
    assert hidden(tmp_path) == []


def test_the_system_call_fallback_exchanges_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x").write_text("a")
    (tmp_path / "b").mkdir()
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        renameat2.renameat2(fd, "a", "b", renameat2.RENAME_EXCHANGE, use_syscall=True)
        assert (tmp_path / "b/x").read_text() == "a"
        with pytest.raises(FileExistsError):
            renameat2.renameat2(fd, "a", "b", renameat2.RENAME_NOREPLACE, use_syscall=True)
    finally:
        os.close(fd)


def test_an_unsupported_file_system_is_told_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv(PORTABLE, "0")  # renameat2 in use (where it is missing: test_portable)

    def no_exchange(dirfd, old, new, flags, **kw):
        raise renameat2.RenameUnsupported(errno.EINVAL, os.strerror(errno.EINVAL), old)

    monkeypatch.setattr(swap, "renameat2", no_exchange)
    target = Target(tmp_path, "extracted")
    with pytest.raises(PublishError) as err:
        swap.check_supported(target)
    assert str(err.value) == (
        f"cannot publish into {target.path}: its file system cannot exchange two folders in "
        "one step (renameat2: Invalid argument); choose an --out on a local Linux file system"
    )
    assert os.listdir(tmp_path) == [".extracted.lock"]  # the test folders are gone


def test_other_systems_publish_by_the_portable_path(tmp_path, monkeypatch):
    monkeypatch.setattr(platform_calls.sys, "platform", "darwin")
    monkeypatch.setattr(swap, "renameat2", None)  # never called
    assert not swap.exchanges()
    target = Target(tmp_path, "extracted")
    swap.check_supported(target)
    for version in "12":
        swap.publish_folder(target, writer(version))
        assert version_of(target.path) == version
    assert hidden(tmp_path) == []


@pytest.mark.fsync
def test_files_are_synced(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(swap.os, "fsync", fsync)
    target = Target(tmp_path, "extracted")
    publish_folder(target, writer("1"))
    [tmp] = {Path(p) for p in synced[:-1] if Path(p).parent == tmp_path}
    files = [MARKER, "datapackage.json", "sources.csv", "observations.csv"]
    files += ["tables/doc-a/tabell-1.csv", "tables/doc-a", "tables"]
    assert sorted(synced[:-1]) == sorted([str(tmp / f) for f in files] + [str(tmp)])
    assert synced[-1] == str(tmp_path)  # the parent, after the swap


def test_this_file_system_is_supported(tmp_path, monkeypatch):
    monkeypatch.setenv(PORTABLE, "0")
    target = Target(tmp_path, "extracted")
    swap.check_supported(target)
    assert os.listdir(tmp_path) == [".extracted.lock"]


def test_an_output_without_datapackage_is_replaced_too(tmp_path):
    """As the quality report (index.html and pictures) will be."""
    target = Target(tmp_path, "report")

    def report(text: str):
        def write(folder: Path) -> None:
            (folder / "pictures").mkdir()
            (folder / "pictures/t1.png").write_text(text)
            (folder / "index.html").write_text(text)

        return write

    publish_folder(target, report("one"))
    publish_folder(target, report("two"))
    assert (target.path / "index.html").read_text() == "two"
    assert sorted(os.listdir(tmp_path)) == [".report.lock", "report"]


@pytest.mark.parametrize("inside", ["first marker", "final marker"])
def test_a_kill_while_writing_the_marker(tmp_path, inside):
    """Between the steps above: half-way through either marker write."""
    target = Target(tmp_path, "extracted")
    publish_folder(target, writer("1"))
    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        if inside == "first marker":

            def half(self, text, encoding=None):
                os.write(os.open(self, os.O_WRONLY | os.O_CREAT), text[:10].encode())
                os._exit(KILLED)

            Path.write_text = half
        else:
            outdir.os.replace = lambda a, b: os._exit(KILLED)
        publish_folder(target, writer("2"))
        os._exit(0)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == KILLED
    [left] = hidden(tmp_path)
    assert version_of(target.path) == "1"
    notices = []
    publish_folder(target, writer("3"), notice=notices.append)
    assert notices == [f"removed {left}, left by a killed run"]
    assert version_of(target.path) == "3"
    assert hidden(tmp_path) == []
