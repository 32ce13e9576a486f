"""The tuning seeds (``seeds.toml``) and fresh seeds drawn at run time."""

from __future__ import annotations

import secrets
import tomllib
from functools import cache
from pathlib import Path

SEEDS_FILE = Path(__file__).with_name("seeds.toml")
FRESH_RANGE = 2**31  # fresh seeds are drawn below this


@cache
def _data() -> dict[str, tuple[int, ...]]:
    data = tomllib.loads(SEEDS_FILE.read_text(encoding="utf-8"))
    out = {k: tuple(int(s) for s in data[k]) for k in ("tuning", "fast")}
    if not set(out["fast"]) <= set(out["tuning"]):
        raise ValueError(f"{SEEDS_FILE.name}: the fast seeds must be tuning seeds")
    return out


def tuning() -> tuple[int, ...]:
    return _data()["tuning"]


def fast() -> tuple[int, ...]:
    return _data()["fast"]


def fresh(n: int) -> list[int]:
    """``n`` seeds drawn now, none of them a tuning seed."""
    known = set(tuning())
    out: list[int] = []
    while len(out) < n:
        s = secrets.randbelow(FRESH_RANGE)
        if s not in known and s not in out:
            out.append(s)
    return out
