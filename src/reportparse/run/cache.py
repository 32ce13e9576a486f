"""Per-document cache of extraction results, keyed by content hash and parser fingerprint.

The fingerprint covers the package's code, its specs, the contract's schemas and vocabularies
(regions, missing-value symbols, header words) and the versions of the libraries that read
the files, so that any change to how documents are read invalidates old entries. The
folder is private (private.py: created 0700, refused where others can write it), and each
entry carries an HMAC of its file hash and payload under the user's own key: an entry
that is corrupt, truncated, edited or written by anyone else is ignored (rebuilt by the
caller) and counted, never trusted. A folder that cannot be written is read, with one
notice, and documents are read again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from ..contract.paths import schemas_dir
from ..model import DocumentResult, Source
from .names import display
from .private import private_folder, sign, signing_key, verify

PACKAGE = Path(__file__).resolve().parents[1]
# libraries whose output the cache holds (simplemma: the lemmas key figures are classified by)
READERS = ("pypdfium2", "pdfminer.six", "lxml", "simplemma")


def versions(distributions: tuple[str, ...]) -> str:
    out = []
    for name in distributions:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} missing")
    return ";".join(out)


@cache
def fingerprint() -> str:
    h = hashlib.sha256(versions(READERS).encode())
    # what a document's reading depends on: the code, the specs, and the contract's
    # vocabularies and schemas (regions, missing-value symbols, header words, table checks)
    schemas = [*schemas_dir().glob("*.csv"), *schemas_dir().glob("*.yaml")]
    files = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.toml"), *schemas])
    for f in files:
        if f.is_file():
            h.update(str(f.relative_to(PACKAGE) if f.is_relative_to(PACKAGE) else f.name).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _signed_text(sha256: str, entry) -> bytes:
    return json.dumps([sha256, entry], ensure_ascii=False, sort_keys=True).encode("utf-8")


class Cache:
    """The cache in ``folder`` (None: no cache). NotPrivate if the folder is not private."""

    def __init__(self, folder: Path | None, notice: Callable[[str], None] = lambda line: None):
        self.folder = private_folder(Path(folder)) if folder else None
        self.key = signing_key() if self.folder else b""
        self.notice = notice
        self.rejected = 0  # entries found that failed their check: ignored, rebuilt
        self.writable = True

    def _path(self, sha256: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / fingerprint() / f"{sha256}.json"

    def get(self, sha256: str) -> DocumentResult | Source | None:
        path = self._path(sha256)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entry = data["entry"]
            if not verify(self.key, _signed_text(sha256, entry), data.get("hmac")):
                self.rejected += 1
                return None
            if entry["kind"] == "failure":
                return Source(**entry["source"])
            return DocumentResult.from_dict(entry["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.rejected += 1
            return None  # corrupt: rebuilt by the caller

    def put(self, sha256: str, value: DocumentResult | Source) -> None:
        path = self._path(sha256)
        if path is None or not self.writable:
            return
        if isinstance(value, Source):
            entry = {"kind": "failure", "source": dict(value.__dict__)}
        else:
            entry = {"kind": "result", "result": value.to_dict()}
        mac = sign(self.key, _signed_text(sha256, entry))
        try:
            write_json_atomic(path, {"sha256": sha256, "hmac": mac, "entry": entry})
        except OSError as exc:
            self.writable = False
            self.notice(
                f"notice: the cache folder {display(str(self.folder))} cannot be written "
                f"({exc.strerror}); documents read now are not kept for the next run"
            )


def write_json_atomic(path: Path, data) -> None:
    """Write ``data`` as JSON to ``path`` through a temporary file: a reader sees the old
    file or the new one, never a part."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
