"""The no-change fast path of ``extract``: proof that a published folder is what its inputs give.

After a run has read every document and published, ``record`` writes a manifest into
the cache folder: a fingerprint of the code, specs, schemas and libraries, the sha256
of each input file, the sha256 of every published file, and the run's summary.
``unchanged`` returns that summary only when all of it still holds, the published
files hashed again; anything missing, different or unreadable means a full run. The
manifest is signed with the user's cache key (private.py): one written by anyone else
proves nothing.
Only light modules are imported here, so that a run with nothing to do stays fast.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..contract.paths import schemas_dir
from .cache import file_sha256, fingerprint, versions, write_json_atomic
from .inputs import InputError, document_sha256
from .names import published_name
from .private import NotPrivate, check_private, sign, signing_key, verify

WRITERS = ("pandas", "pyarrow", "pandera")  # libraries that shape the published bytes


@dataclass
class Summary:
    outcomes: list[list[str]] = field(default_factory=list)  # file, status, message
    documents: int = 0
    observations: int = 0
    conflicts: int = 0


def run_fingerprint() -> str:
    h = hashlib.sha256(f"{fingerprint()};{versions(WRITERS)}".encode())
    for f in sorted(schemas_dir().iterdir()):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _manifest_path(cache_dir: Path, raw: Path, out: Path) -> Path:
    key = hashlib.sha256(f"{raw.resolve()}\n{out.resolve()}".encode()).hexdigest()[:16]
    return Path(cache_dir) / "runs" / f"{key}.json"


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): file_sha256(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def record(cache_dir: Path, raw: Path, out: Path, inputs: dict[str, str], summary: Summary) -> None:
    """Remember a published run: ``inputs`` maps each file name in ``raw`` (as published) to
    its sha256."""
    data = {
        "fingerprint": run_fingerprint(),
        "inputs": inputs,
        "outputs": _tree(out),
        "summary": asdict(summary),
    }
    data["hmac"] = sign(signing_key(), _signed_text(data))
    write_json_atomic(_manifest_path(cache_dir, raw, out), data)


def _signed_text(data: dict) -> bytes:
    fields = {k: v for k, v in data.items() if k != "hmac"}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")


def unchanged(
    cache_dir: Path, raw: Path, out: Path, files: list[Path], timeout: float | None = None
) -> Summary | None:
    """The summary of the last run if ``out`` is still exactly what ``files`` give; else None
    (also when a file cannot be hashed within ``timeout`` seconds: the run will say why)."""
    path = _manifest_path(cache_dir, raw, out)
    try:
        check_private(Path(cache_dir), "cache folder")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not verify(signing_key(), _signed_text(data), data.get("hmac")):
            return None
        if data["fingerprint"] != run_fingerprint():
            return None
        inputs = {published_name(p.name): document_sha256(p, raw, timeout) for p in files}
        if data["inputs"] != inputs:
            return None
        if not out.is_dir() or data["outputs"] != _tree(out):
            return None
        return Summary(**data["summary"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, InputError, NotPrivate):
        return None
