"""The documents of a raw folder, read as what it is, and what a run did with each.

Only the files directly in the raw folder are documents. A symbolic link is followed only
to a file inside the raw folder; a link out of it, a broken link, a sub-folder and
anything that is not a regular file (a FIFO would block the run) are left out, each with
a one-line notice. A file whose name is not UTF-8 cannot be published under its name, so
it fails like an unreadable document. Names in notices are escaped (names.py). Light:
no parser is imported.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from .names import display, utf8_name

IGNORED = {".gitkeep", ".DS_Store", "README.md", "README"}
CHUNK = 1 << 20  # bytes read at a time when hashing a document


@dataclass
class Outcome:
    """What happened to one file (``file``: its name as printed, names.display)."""

    file: str
    status: str  # ok, failed, skipped
    message: str = ""
    seconds: float = 0.0
    cached: bool = False


@dataclass
class Listing:
    documents: list[Path] = field(default_factory=list)  # in name order
    notices: list[str] = field(default_factory=list)  # what was left out, and why
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it fails)

    @property
    def files(self) -> list[Path]:
        """Every file the run reports on: the documents and the refused, in name order."""
        return sorted([*self.documents, *(p for p, _ in self.refused)], key=_name_bytes)


class InputError(Exception):
    """A document that cannot be opened or hashed; the message is the reason."""


def list_documents(raw: Path) -> Listing:
    """What to read in ``raw``; FileNotFoundError if it is not a folder or holds nothing
    to read (publishing nothing would wipe the previous output)."""
    listing = scan_raw(raw)
    if not listing.files:
        raise FileNotFoundError(f"no documents in {display(str(raw))}")
    return listing


def scan_raw(raw: Path) -> Listing:
    """What to read in ``raw``; FileNotFoundError if it is not a folder."""
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {display(str(raw))}")
    real_raw = Path(os.path.realpath(raw))
    listing = Listing()
    for name in sorted(os.listdir(raw), key=_name_bytes):
        if name in IGNORED or name.startswith("."):
            continue
        path = raw / name
        why = _left_out(path, real_raw)
        if why:
            listing.notices.append(f"skipped {display(name)}: {why}")
        elif utf8_name(name) is None:
            listing.refused.append((path, "its file name is not UTF-8; rename it"))
        else:
            listing.documents.append(path)
    return listing


def _name_bytes(p: Path | str) -> bytes:
    return os.fsencode(p.name if isinstance(p, Path) else p)


def _left_out(path: Path, real_raw: Path) -> str | None:
    """Why ``path`` is not a document, or None if it is one."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        target = Path(os.path.realpath(path))
        if real_raw not in target.parents:
            return f"a symbolic link to {display(os.readlink(path))}, outside the raw folder"
        try:
            st = os.stat(target)
        except OSError:
            return "a broken symbolic link"
    if stat.S_ISDIR(st.st_mode):
        return "a sub-folder (only the files directly in the raw folder are read)"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return None


def open_document(path: Path, raw: Path) -> int:
    """A file descriptor for reading the document ``path``, checked again at opening: a
    regular file inside ``raw`` (a link or FIFO swapped in since the listing is refused)."""
    real = Path(os.path.realpath(path))
    if Path(os.path.realpath(raw)) not in real.parents:
        raise InputError("it now points out of the raw folder")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"cannot be opened ({exc.strerror})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError("it is no longer a regular file")
    return fd


def read_document_bytes(path: Path, raw: Path) -> bytes:
    """The bytes of the document ``path`` (opened by ``open_document``)."""
    with os.fdopen(open_document(path, raw), "rb") as f:
        return f.read()


def document_sha256(path: Path, raw: Path, timeout: float | None = None) -> str:
    """The sha256 of the document ``path``, streamed; InputError if it cannot be opened or
    hashed within ``timeout`` seconds (a file too large to hash holds no run for long)."""
    start = time.monotonic()
    h = hashlib.sha256()
    with os.fdopen(open_document(path, raw), "rb") as f:
        try:
            while chunk := f.read(CHUNK):
                h.update(chunk)
                if timeout is not None and time.monotonic() - start > timeout:
                    raise InputError(f"timed out: not hashed within {timeout:g} s (--timeout)")
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})") from None
    return h.hexdigest()
