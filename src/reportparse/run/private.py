"""Folders and keys only this user can write: the cache's folder and its signing key.

A cache folder is created private (0700). An existing one that another user owns, or that
its group or others can write, is refused, as ssh refuses such a key file: anyone who can
write into it could change the data a run publishes. Entries are signed with an HMAC under
a key kept in the user's private config folder (``platformdirs``), created 0600 on first
use, so that an entry written by anyone else fails its check. Light: no parser imported.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from .names import display

APP = "reportparse"
KEY_FILE = "cache.key"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
# any of these bits lets a user other than the owner write (group, others)
WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


class NotPrivate(Exception):
    """A folder or key that others could write (or read, for the key); the message is the
    one line to show."""


def _owner_id() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None  # Windows: no uid, ACLs instead


def default_cache_dir() -> Path:
    """The user's cache folder for reportparse (``~/.cache/reportparse`` on Linux,
    ``~/Library/Caches/reportparse`` on macOS)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def key_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def private_folder(folder: Path, what: str = "cache folder") -> Path:
    """``folder``, created 0700 if missing (its parents as the umask says); NotPrivate if it
    is not a folder, is owned by another user, or its group or others can write it."""
    try:
        os.makedirs(folder.parent, exist_ok=True)
        os.mkdir(folder, PRIVATE_FOLDER)
        os.chmod(folder, PRIVATE_FOLDER)  # whatever the umask
    except FileExistsError:
        pass
    except OSError as exc:
        shown = display(str(folder))
        raise NotPrivate(f"{what} {shown} cannot be created ({exc.strerror})") from None
    check_private(folder, what)
    return folder


def check_private(path: Path, what: str) -> None:
    """NotPrivate unless ``path`` is a folder or file of this user that no one else can
    write (not a symbolic link: a link could be swapped)."""
    shown = display(str(path))
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise NotPrivate(f"{what} {shown} cannot be read ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        raise NotPrivate(f"{what} {shown} is a symbolic link; name the folder it points to")
    me = _owner_id()
    if me is not None and st.st_uid != me:
        raise NotPrivate(
            f"{what} {shown} belongs to another user (uid {st.st_uid}); name a folder of your own"
        )
    if st.st_mode & WRITABLE_BY_OTHERS:
        mode = stat.S_IMODE(st.st_mode)
        raise NotPrivate(
            f"{what} {shown} can be written by others (mode {mode:o}); "
            f"make it private (chmod 700) or name another"
        )


def signing_key() -> bytes:
    """The user's key for signing cache entries, created on first use (32 random bytes in
    ``cache.key``, 0600, in the user's config folder, 0700)."""
    folder = private_folder(key_dir(), "config folder")
    path = folder / KEY_FILE
    if not os.path.lexists(path):  # written whole beside it, then put in place if still free
        try:
            _new_key(folder, path)
        except OSError as exc:
            raise NotPrivate(
                f"cache key {display(str(path))} cannot be made ({exc.strerror}); "
                "run with --no-cache"
            ) from None
    check_private(path, "cache key")
    st = os.stat(path)
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise NotPrivate(
            f"cache key {display(str(path))} can be read by others "
            f"(mode {stat.S_IMODE(st.st_mode):o}); chmod 600 it"
        )
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, UnicodeDecodeError, ValueError):
        key = b""
    if len(key) < 16:
        raise NotPrivate(f"cache key {display(str(path))} is damaged; remove it")
    return key


def _new_key(folder: Path, path: Path) -> None:
    tmp = folder / f".{KEY_FILE}.{secrets.token_hex(8)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
        os.link(tmp, path)
    except FileExistsError:
        pass  # another run made it first: theirs is the key
    finally:
        tmp.unlink()


def sign(key: bytes, text: bytes) -> str:
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def verify(key: bytes, text: bytes, mac: object) -> bool:
    return isinstance(mac, str) and hmac.compare_digest(sign(key, text), mac)
