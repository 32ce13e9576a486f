"""County and municipality names to codes, valid per year (``schemas/regions.csv``)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from .paths import schemas_dir


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    valid_from: int
    valid_to: int | None
    aliases: tuple[str, ...]

    def valid(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold().replace(" - ", " ").replace("–", "-")


@cache
def all_regions() -> tuple[Region, ...]:
    with open(schemas_dir() / "regions.csv", encoding="utf-8", newline="") as f:
        return tuple(
            Region(
                code=row["code"],
                name=row["name"],
                level=row["level"],
                valid_from=int(row["valid_from"]),
                valid_to=int(row["valid_to"]) if row["valid_to"] else None,
                aliases=tuple(a for a in row["aliases"].split("|") if a),
            )
            for row in csv.DictReader(f)
        )


def lookup(name: str, year: int, levels: tuple[str, ...] = ("country", "unknown", "county")):
    """The region printed as ``name`` in ``year``, or None."""
    key = _key(name)
    for r in all_regions():
        names = {_key(r.name), *(_key(a) for a in r.aliases)}
        if r.level in levels and r.valid(year) and key in names:
            return r
    return None


@cache
def known(code: str, year: int) -> bool:
    return any(r.code == code and r.valid(year) for r in all_regions())


@cache
def sentence_patterns(year: int) -> list[tuple[str, str, re.Pattern]]:
    """County names valid in ``year`` as patterns for running text (longest first)."""
    out = []
    for r in all_regions():
        if r.level == "county" and r.valid(year):
            out.append((r.code, r.name, re.compile(rf"(?<!\w){re.escape(r.name)}(?!\w)")))
    out.sort(key=lambda t: -len(t[1]))
    return out


def in_force(level: str, year: int) -> list[Region]:
    """The regions of ``level`` (``county``, ``country``) in force in ``year``, by code."""
    return sorted((r for r in all_regions() if r.level == level and r.valid(year)), key=_code)


def structure_from(level: str, year: int) -> int:
    """The year the structure of ``level`` in force in ``year`` began: the last year a region
    of it came into force (the county structure of 2025 is that from 2024)."""
    return max(r.valid_from for r in in_force(level, year))


def _code(r: Region) -> str:
    return r.code
