"""Publish a folder by swapping it in: at no moment is there no complete output folder.

``publish_folder`` takes a lock beside the output (``.NAME.lock``), removes or restores
what a killed run left, writes the new output into a hidden sibling (``.NAME.tmp-*``,
marker first), fsyncs every file and folder, then exchanges the two folders in one step
(Linux ``renameat2`` with ``RENAME_EXCHANGE``; the first publish is a rename that never
replaces) and removes the old one, marker last. What the next run does after a kill at
each step is written down in the module's tests (``test_swap.py``).

Where renameat2 is missing (macOS; or switched off, platform_calls.py) the portable path
publishes by two renames under the same lock: the old output is moved aside as
``.NAME.old-*``, then the new one renamed into place. For that moment there is no output
folder; a run killed then leaves the old output aside, whole, and the next run puts it back
(``recover``) before anything else.
"""

from __future__ import annotations

import os
import platform
import re
import secrets
import string
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..platform_calls import linux_calls
from .lock import DEFAULT_LOCK_WAIT, LockBusy, lock
from .outdir import (
    MARKER,
    PACKAGE,
    Target,
    check_contents,
    finish_marker,
    foreign_files,
    is_ours,
    listed_files,
    write_marker,
)
from .renameat2 import (
    RENAME_EXCHANGE,
    RENAME_NOREPLACE,
    SYSCALL_RENAMEAT2,
    RenameUnsupported,
    renameat2,
    renameat2_function,
)

FOLDER_MODE = 0o755  # mkdtemp makes 0o700; an output is readable by all, as before

Step = Callable[[str], None]
Notice = Callable[[str], None]


class PublishError(Exception):
    """Publishing could not be done; the message is the one line to show."""


def check_supported(
    target: Target | None = None,
    lock_wait: float = DEFAULT_LOCK_WAIT,
    notice: Notice = lambda line: None,
) -> None:
    """PublishError unless ``target`` can be published into here. With renameat2 (Linux),
    when ``target``'s folder exists, its file system must exchange two empty test folders
    (under the lock, so that another run's clean-up does not take them away); without it
    the portable path publishes (``exchanges``), and a test folder made and removed under
    the lock shows that the folder can be written."""
    if target is not None and target.parent.is_dir():
        try:
            with lock(target, lock_wait, notice):
                _probe(target)
        except LockBusy as exc:
            raise PublishError(str(exc)) from None
        except RenameUnsupported as exc:
            raise _unsupported(target, exc) from None
        except OSError as exc:
            raise PublishError(f"cannot publish into {target.path}: {exc.strerror}") from None


def exchanges() -> bool:
    """Whether folders are exchanged in one step here (renameat2), or by the portable path."""
    if not linux_calls():
        return False
    return renameat2_function() is not None or platform.machine() in SYSCALL_RENAMEAT2


def _probe(target: Target) -> None:
    """Exchange two empty folders named like leftovers (removed by the next run if a kill
    comes between); on the portable path, make one."""
    a = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    if not exchanges():
        a.rmdir()
        return
    try:
        b = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            with _dirfd(target.parent) as dirfd:
                renameat2(dirfd, a.name, b.name, RENAME_EXCHANGE)
        finally:
            b.rmdir()
    finally:
        a.rmdir()


def _unsupported(target: Target, exc: OSError) -> PublishError:
    return PublishError(
        f"cannot publish into {target.path}: its file system cannot exchange two folders in "
        f"one step (renameat2: {exc.strerror}); choose an --out on a local Linux file system"
    )


def publish_folder(
    target: Target,
    write: Callable[[Path], None],
    *,
    lock_wait: float = DEFAULT_LOCK_WAIT,
    notice: Notice = lambda line: None,
    step: Step = lambda name: None,
    published: Callable[[Path], None] = lambda folder: None,
) -> None:
    """Write a new output with ``write(folder)`` and swap it in place of ``target``; then,
    still under the lock, ``published(target.path)`` (what the run records of its output
    is the folder it published, never one another run published after it)."""
    check_supported()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _dirfd(target.parent) as dirfd, lock(target, lock_wait, notice):
            step("locked")
            recover(target, notice, step)
            step("recovered")
            check_contents(target)
            _publish(dirfd, target, write, notice, step)
            published(target.path)
    except LockBusy as exc:
        raise PublishError(str(exc)) from None
    except RenameUnsupported as exc:
        raise _unsupported(target, exc) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise PublishError(f"cannot publish into {target.path}: {exc.strerror}{where}") from None


def _publish(dirfd: int, target: Target, write, notice: Notice, step: Step) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    step("created")
    try:
        write_marker(tmp)
        step("marked")
        write(tmp)
        finish_marker(tmp)
        step("written")
        os.chmod(tmp, FOLDER_MODE)
        sync_tree(tmp)
        step("synced")
        replacing = os.path.lexists(target.path)
        if not exchanges():
            old = _two_renames(target, tmp, replacing, step)
        else:
            flags = RENAME_EXCHANGE if replacing else RENAME_NOREPLACE
            renameat2(dirfd, tmp.name, target.name, flags)
            old = tmp
    except BaseException:
        remove_tree(tmp)
        raise
    step("swapped")
    os.fsync(dirfd)
    step("parent synced")
    if replacing:  # the old output now sits at ``old``
        _remove_old(old, target, notice, step)
    step("done")


def _two_renames(target: Target, tmp: Path, replacing: bool, step: Step) -> Path:
    """The portable publish: the old output aside as ``.NAME.old-*``, the new one into its
    place; where the old output now is. Under the lock, no other run renames here; a kill
    between the two renames leaves the old output aside, whole, for ``recover``."""
    old = tmp
    if replacing:
        old = target.parent / f".{target.name}.old-{_random_name()}"
        os.rename(target.path, old)
        step("moved aside")
    try:
        if os.path.lexists(target.path):  # came since it was checked: keep it
            raise FileExistsError(17, "File exists", str(target.path))
        os.rename(tmp, target.path)
    except BaseException:
        if replacing and not os.path.lexists(target.path):
            os.rename(old, target.path)  # the old output back in place
        raise
    return old


def _random_name() -> str:
    """8 characters as tempfile names its folders (what ``leftovers`` looks for)."""
    alphabet = string.ascii_lowercase + string.digits + "_"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def _remove_old(old: Path, target: Target, notice: Notice, step: Step) -> None:
    foreign = foreign_files(old, limit=1)
    if foreign:  # written into the old output after it was checked: keep it whole
        notice(f"kept the previous {target.name} as {old.name}: it holds {foreign[0]}")
        return
    remove_tree(old, step)


def leftovers(target: Target) -> list[Path]:
    """Hidden folders a killed run left beside the output, oldest first."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(tmp|old)-[a-z0-9_]{{8}}")
    found = []
    with os.scandir(target.parent) as entries:
        for e in entries:
            if pattern.fullmatch(e.name) and e.is_dir(follow_symlinks=False):
                found.append(Path(e.path))
    return sorted(found, key=lambda p: (p.lstat().st_ctime_ns, p.name))


def recover(target: Target, notice: Notice, step: Step = lambda name: None) -> None:
    """Put back the output a killed run took away, then remove what killed runs left."""
    found = leftovers(target)
    if not os.path.lexists(target.path):
        whole = [p for p in found if ".old-" in p.name and _complete(p)]
        if whole:
            rename_no_replace(whole[-1], target.path)
            notice(f"restored {target.name} from {whole[-1].name}, left by a killed run")
            found.remove(whole[-1])
    for p in found:
        if is_ours(p):
            remove_tree(p, step)
            notice(f"removed {p.name}, left by a killed run")
        else:
            notice(f"left {p.name} alone: it holds files that are not reportparse's")


def _complete(folder: Path) -> bool:
    """A whole output: it holds every file its marker (or datapackage.json) lists, and no
    other."""
    listed = listed_files(folder) - {MARKER}
    if not listed or foreign_files(folder, limit=1):
        return False
    return all((folder / path).is_file() for path in listed)


def remove_tree(folder: Path, step: Step = lambda name: None) -> None:
    """Remove an output folder, its marker and datapackage.json last, so that a folder
    half removed by a kill is still recognised as reportparse's by the next run."""
    if not os.path.lexists(folder):
        return
    last = {folder / PACKAGE, folder / MARKER}
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            path = Path(dirpath, name)
            if path not in last:
                path.unlink()
                step("removing")
        for name in dirnames:
            path = Path(dirpath, name)
            if path.is_symlink():
                path.unlink()
            else:
                path.rmdir()
    for path in (folder / PACKAGE, folder / MARKER):
        path.unlink(missing_ok=True)
    folder.rmdir()


def sync_tree(folder: Path) -> None:
    """fsync every file, then every folder from the deepest up."""
    for dirpath, _, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            _fsync(Path(dirpath, name), os.O_RDONLY | os.O_NOFOLLOW)
        _fsync(Path(dirpath), os.O_RDONLY | os.O_DIRECTORY)


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _dirfd(path: Path) -> Iterator[int]:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield fd
    finally:
        os.close(fd)


def rename_no_replace(old: Path, new: Path) -> None:
    """Rename ``old`` to ``new`` in one folder, never replacing ``new``: renameat2's
    RENAME_NOREPLACE, or on the portable path a rename after a check (under the lock)."""
    with _dirfd(old.parent) as dirfd:
        if exchanges():
            renameat2(dirfd, old.name, new.name, RENAME_NOREPLACE)
        else:
            if os.path.lexists(new):
                raise FileExistsError(17, "File exists", str(new))
            os.rename(old, new)
        os.fsync(dirfd)
