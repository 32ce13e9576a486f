"""Per-document cache of extraction results, keyed by content hash and parser fingerprint.

The fingerprint covers the package's code, its specs, the contract's schemas and vocabularies
(regions, missing-value symbols, header words) and the versions of the libraries that read
the files, so that any change to how documents are read invalidates old entries. Each entry
carries a digest of its own payload: a corrupt, truncated or edited entry is ignored (and
rebuilt by the caller), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from ..contract.paths import schemas_dir
from ..model import DocumentResult, Source

PACKAGE = Path(__file__).resolve().parents[1]
READERS = ("pypdfium2", "pdfminer.six", "lxml")  # libraries whose output the cache holds


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


def _digest(payload) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Cache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None

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
            if data.get("sha256") != sha256 or data.get("digest") != _digest(data["entry"]):
                return None
            entry = data["entry"]
            if entry["kind"] == "failure":
                return Source(**entry["source"])
            return DocumentResult.from_dict(entry["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # corrupt: rebuilt by the caller

    def put(self, sha256: str, value: DocumentResult | Source) -> None:
        path = self._path(sha256)
        if path is None:
            return
        if isinstance(value, Source):
            entry = {"kind": "failure", "source": dict(value.__dict__)}
        else:
            entry = {"kind": "result", "result": value.to_dict()}
        write_json_atomic(path, {"sha256": sha256, "digest": _digest(entry), "entry": entry})


def write_json_atomic(path: Path, data) -> None:
    """Write ``data`` as JSON to ``path`` through a temporary file: a reader sees the old
    file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
