"""The documents of a raw folder, and what a run did with each (light: no parser imported)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

IGNORED = {".gitkeep", ".DS_Store", "README.md", "README"}
DEFAULT_TIMEOUT = 600.0  # seconds per document: generous; a corpus report takes one or two


@dataclass
class Outcome:
    """What happened to one file."""

    file: str
    status: str  # ok, failed, skipped
    message: str = ""
    seconds: float = 0.0
    cached: bool = False


def documents(raw: Path) -> list[Path]:
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    found = sorted(
        p
        for p in raw.iterdir()
        if p.is_file() and p.name not in IGNORED and not p.name.startswith(".")
    )
    if not found:  # publishing nothing would wipe the previous output
        raise FileNotFoundError(f"no documents in {raw}")
    return found
