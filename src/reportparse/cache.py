"""Per-document cache of extraction results, keyed by content hash and parser fingerprint.

The fingerprint covers the package's code, its specs and the region table, so
that any change to how documents are read invalidates old entries. A corrupt
or unreadable entry is ignored (and later overwritten), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from .model import DocumentResult, Source
from .paths import schemas_dir

PACKAGE = Path(__file__).resolve().parent


@cache
def fingerprint() -> str:
    h = hashlib.sha256()
    files = sorted(
        [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.toml"), schemas_dir() / "regions.csv"]
    )
    for f in files:
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


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
            if data.get("sha256") != sha256:
                return None
            if data["kind"] == "failure":
                return Source(**data["source"])
            return DocumentResult.from_dict(data["result"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # corrupt: rebuilt by the caller

    def put(self, sha256: str, value: DocumentResult | Source) -> None:
        path = self._path(sha256)
        if path is None:
            return
        if isinstance(value, Source):
            payload = {"sha256": sha256, "kind": "failure", "source": value.__dict__}
        else:
            payload = {"sha256": sha256, "kind": "result", "result": value.to_dict()}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False)
        os.replace(tmp, path)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
