"""A stand-in for output/publish.py's writer: a small output folder whose every file says
which version wrote it, and a check that a folder is one whole version."""

from __future__ import annotations

import json
from pathlib import Path

from reportparse.output.outdir import MARKER, PACKAGE_NAME

FILES = ["sources.csv", "observations.csv", "tables/doc-a/tabell-1.csv"]


def writer(version: str):
    def write(folder: Path) -> None:
        for path in FILES:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(f"version\n{version}\n", encoding="utf-8")
        package = {"name": PACKAGE_NAME, "resources": [{"path": p} for p in FILES]}
        (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

    return write


def version_of(folder: Path) -> str:
    """The version a whole output holds; AssertionError for a partial or mixed folder."""
    assert (folder / MARKER).is_file(), f"{folder}: no marker"
    assert (folder / "datapackage.json").is_file(), f"{folder}: no datapackage.json"
    versions = {(folder / p).read_text(encoding="utf-8").split("\n")[1] for p in FILES}
    assert len(versions) == 1, f"{folder}: mixed {versions}"
    return versions.pop()


def hidden(parent: Path) -> list[str]:
    """Names of the hidden entries of ``parent``, the lock file left out."""
    return sorted(
        p.name for p in parent.iterdir() if p.name.startswith(".") and ".lock" not in p.name
    )
