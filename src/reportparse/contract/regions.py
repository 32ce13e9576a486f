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
def _county_names() -> re.Pattern:
    names = {r.name for r in all_regions() if r.level == "county"}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def county_names_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every county name of any period in ``text`` ("Troms og Finnmark"
    is one name, not Troms and Finnmark)."""
    return [(m.start(), m.end(), m.group()) for m in _county_names().finditer(text)]


def county_in(name: str, year: int) -> tuple[str, str] | None:
    """(code, name) of the county called ``name`` in ``year``; None if none was then."""
    r = lookup(name, year, ("county",))
    return (r.code, r.name) if r else None


def in_force(level: str, year: int) -> list[Region]:
    """The regions of ``level`` (``county``, ``country``) in force in ``year``, by code."""
    return sorted((r for r in all_regions() if r.level == level and r.valid(year)), key=_code)


def structure_from(level: str, year: int) -> int:
    """The year the structure of ``level`` in force in ``year`` began: the last year a region
    of it came into force (the county structure of 2025 is that from 2024)."""
    return max(r.valid_from for r in in_force(level, year))


def _code(r: Region) -> str:
    return r.code
