"""Whether ``--out`` may be published into, decided before any document is read.

A run replaces the output folder as a whole, so it may only name a folder that does not
exist yet, an empty folder, or an earlier output of reportparse: a folder whose every file
is listed in its marker file (below) or in its ``datapackage.json`` (all an output written
before the marker existed has). Anything else is refused with one line: the raw folder
itself, a folder inside it or above it, a file, a symbolic link, a folder holding other
files, a path under a file.

The marker, ``.reportparse-output``, is written first into the folder being built (so
that what a killed run leaves behind can be told from anybody else's files) and written
again, with the list of the files, once they are all there.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MARKER = ".reportparse-output"
ABOUT = (
    "reportparse replaces this folder as a whole; it refuses to when the folder holds "
    "files that are not listed here."
)
PACKAGE = "datapackage.json"
PACKAGE_NAME = "reportparse-introduksjonsprogrammet"  # output/publish.py's datapackage name
SHOWN = 3  # foreign files named in a refusal


class OutError(Exception):
    """``--out`` cannot be published into; the message is the one line to show."""


@dataclass(frozen=True)
class Target:
    """Where to publish: ``parent / name``, with ``parent`` free of symbolic links."""

    parent: Path
    name: str

    @property
    def path(self) -> Path:
        return self.parent / self.name


def check_out(out: Path, raw: Path | None = None) -> Target:
    """The folder to publish into, or OutError saying in one line why not."""
    shown = os.fsdecode(out)
    absolute = Path(os.path.abspath(out))
    if absolute.name in ("", ".", ".."):
        raise OutError(f"--out {shown}: name a folder to publish into")
    ancestor = _existing_ancestor(absolute.parent)
    if not ancestor.is_dir():
        raise OutError(f"--out {shown}: {ancestor} is a file, not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutError(f"--out {shown}: no permission to write in {ancestor}")
    parent = Path(os.path.realpath(absolute.parent))
    target = Target(parent, absolute.name)
    if raw is not None:
        _apart_from_raw(shown, target.path, Path(os.path.realpath(raw)))
    check_contents(target, shown)
    return target


def check_contents(target: Target, shown: str | None = None) -> None:
    """OutError unless ``target`` is missing, empty or an earlier output; checked again,
    under the lock, just before the swap."""
    shown = shown or str(target.path)
    try:
        st = os.lstat(target.path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise OutError(f"--out {shown} is a symbolic link; name the folder it points to")
    if not stat.S_ISDIR(st.st_mode):
        raise OutError(f"--out {shown} is a file, not a folder")
    if not os.access(target.path, os.R_OK | os.W_OK | os.X_OK):
        raise OutError(f"--out {shown}: no permission to read and replace this folder")
    foreign = foreign_files(target.path, limit=SHOWN + 1)
    if foreign:
        names = ", ".join(foreign[:SHOWN]) + (", ..." if len(foreign) > SHOWN else "")
        raise OutError(
            f"--out {shown} holds files that are not reportparse's output ({names}); "
            "name a new or empty folder"
        )


def foreign_files(folder: Path, limit: int | None = None) -> list[str]:
    """Paths (relative) under ``folder`` that an output of reportparse does not hold, the
    first ``limit`` of them: all of them unless its datapackage.json is reportparse's.
    Empty sub-folders are fine; a sub-folder that cannot be listed, or a link to one,
    counts as foreign."""
    listed = listed_files(folder)
    found: list[str] = []

    def unreadable(exc: OSError) -> None:
        found.append(Path(exc.filename).relative_to(folder).as_posix())

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames.sort()
        rel = Path(dirpath).relative_to(folder)
        links = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        for name in sorted(filenames + links):
            path = (rel / name).as_posix()
            if path not in listed:
                found.append(path)
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


def is_ours(folder: Path) -> bool:
    """Whether a folder left behind by a killed run was made by reportparse: it holds the
    marker (written first, removed last), holds nothing at all, or is a whole output
    from before the marker."""
    try:
        with os.scandir(folder) as entries:
            empty = next(entries, None) is None
    except OSError:
        return False
    if empty or (folder / MARKER).is_file():
        return True
    return (folder / PACKAGE).is_file() and not foreign_files(folder, limit=1)


def write_marker(folder: Path, files: list[str] | None = None) -> None:
    """The marker: first without ``files``, straight into the new folder (a kill half-way
    leaves an empty marker, which still marks it), then with them, replacing it in one
    step (so that the folder is never without a marker)."""
    content = {"written_by": "reportparse", "about": ABOUT}
    if files is not None:
        content["files"] = files
    text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
    if files is None:
        (folder / MARKER).write_text(text, encoding="utf-8")
        return
    part = folder / (MARKER + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, folder / MARKER)


def finish_marker(folder: Path) -> None:
    """The marker of a folder whose files are all written: it lists them."""
    files = sorted(
        (Path(dirpath, name).relative_to(folder)).as_posix()
        for dirpath, _, filenames in os.walk(folder)
        for name in filenames
    )
    write_marker(folder, [f for f in files if f != MARKER])


def listed_files(folder: Path) -> set[str]:
    """The files an output in ``folder`` may hold: those its marker lists and those its
    datapackage.json lists; empty for a folder with neither. An output from before the
    marker has only the package; one whose files git merged from two branches may have a
    marker that lists fewer files than its package, and is still an output."""
    return _marker_files(folder) | _package_files(folder)


def _marker_files(folder: Path) -> set[str]:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        if marker.get("written_by") == "reportparse" and isinstance(marker.get("files"), list):
            return {f for f in marker["files"] if isinstance(f, str)} | {MARKER}
    except (OSError, ValueError, AttributeError):
        pass
    return set()


def _package_files(folder: Path) -> set[str]:
    try:
        package = json.loads((folder / PACKAGE).read_text(encoding="utf-8"))
        if package.get("name") != PACKAGE_NAME:
            return set()
        paths = {r["path"] for r in package.get("resources", [])}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return set()
    return {p for p in paths if isinstance(p, str)} | {PACKAGE, MARKER}


def _existing_ancestor(path: Path) -> Path:
    while not os.path.lexists(path):
        path = path.parent
    return Path(os.path.realpath(path))


def _apart_from_raw(shown: str, target: Path, raw: Path) -> None:
    real = Path(os.path.realpath(target))
    if real == raw:
        raise OutError(f"--out {shown} is the raw folder; name another folder")
    if raw in real.parents:
        raise OutError(f"--out {shown} is inside the raw folder; name a folder outside it")
    if real in raw.parents:
        raise OutError(f"--out {shown} holds the raw folder; name a folder beside it")
