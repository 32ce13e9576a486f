"""The documents of a raw folder, and what a run did with each (light: no parser imported)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

IGNORED = {".gitkeep", ".DS_Store", "README.md", "README"}


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
    return sorted(
        p
        for p in raw.iterdir()
        if p.is_file() and p.name not in IGNORED and not p.name.startswith(".")
    )
