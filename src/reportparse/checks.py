"""Cross-checks registered with pandera, so that the YAML schemas in ``schemas/`` can name them.

Each check takes the whole data frame and returns one boolean per row: False
marks a failing row, which the validation report prints.
"""

from __future__ import annotations

import csv
from functools import cache

import pandas as pd
import pandera.extensions as extensions

from . import regions
from .paths import schemas_dir

KEY_WITHOUT = ["indicator", "year", "region_code", "gender", "group", "age_group", "education",
               "category"]  # fmt: skip


@cache
def vocabulary(name: str, column: str) -> frozenset[str]:
    with open(schemas_dir() / name, encoding="utf-8", newline="") as f:
        return frozenset(row[column] for row in csv.DictReader(f))


def _others(dim: str) -> list[str]:
    return [k for k in KEY_WITHOUT if k != dim]


def _registered(fn):
    return extensions.register_check_method(supported_types=pd.DataFrame, statistics=_stats(fn))(fn)


def _stats(fn) -> list[str]:
    code = fn.__code__
    return list(code.co_varnames[code.co_argcount : code.co_argcount + code.co_kwonlyargcount])


@_registered
def known_values(df: pd.DataFrame, *, column: str, vocabulary_file: str, vocabulary_column: str):
    """Every value of ``column`` is listed in a vocabulary file of schemas/."""
    allowed = vocabulary(vocabulary_file, vocabulary_column)
    return df[column].isna() | df[column].isin(allowed)


@_registered
def region_valid_in_year(df: pd.DataFrame, *, code_column: str, year_column: str):
    """The region code exists in schemas/regions.csv for the row's year."""
    return pd.Series(
        [
            pd.isna(y) or regions.known(str(c), int(y))
            for c, y in zip(df[code_column], df[year_column], strict=True)
        ],
        index=df.index,
    )


@_registered
def percent_within(df: pd.DataFrame, *, unit_column: str, low: float, high: float):
    """Values in percent lie within low..high."""
    pct = df[unit_column] == "percent"
    return ~pct | df["value"].between(low, high)


@_registered
def gender_total_between(df: pd.DataFrame, *, tolerance: float):
    """Where women, men and both are given for one key, both lies between women and men.

    Only shares: a count for both genders is the sum of its parts, not between them
    (``parts_sum_to_total`` checks that).
    """
    ok = pd.Series(True, index=df.index)
    if df.empty:
        return ok
    keys = _others("gender")
    for _, g in df[df["unit"] == "percent"].groupby(keys, dropna=False):
        by = {row.gender: row.value for row in g.itertuples()}
        if {"alle", "kvinner", "menn"} <= by.keys():
            lo, hi = sorted((by["kvinner"], by["menn"]))
            if not lo - tolerance <= by["alle"] <= hi + tolerance:
                ok[g.index] = False
    return ok


@_registered
def parts_sum_to_total(df: pd.DataFrame, *, dimension: str, total: str, tolerance: float):
    """For one key, the values of the parts of ``dimension`` add up to its ``total`` value."""
    ok = pd.Series(True, index=df.index)
    if df.empty:
        return ok
    for _, g in df.groupby(_others(dimension), dropna=False):
        totals = g[g[dimension] == total]
        parts = g[g[dimension] != total]
        if len(totals) != 1 or parts.empty:
            continue
        if abs(parts["value"].sum() - totals["value"].iloc[0]) > tolerance:
            ok[g.index] = False
    return ok


@_registered
def parts_sum_to(
    df: pd.DataFrame, *, dimension: str, target: float, tolerance: float, indicator: str = ""
):
    """For one key, the values over ``dimension`` add up to ``target`` (a distribution: 100).

    ``indicator`` restricts the check to one indicator where a table holds several.
    """
    ok = pd.Series(True, index=df.index)
    if df.empty:
        return ok
    rows = df[df["indicator"] == indicator] if indicator else df
    for _, g in rows.groupby(_others(dimension), dropna=False):
        if len(g) > 1 and abs(g["value"].sum() - target) > tolerance:
            ok[g.index] = False
    return ok


@_registered
def difference_of_years(df: pd.DataFrame, *, change: str, level: str, tolerance: float):
    """The ``change`` indicator of a year equals ``level`` in that year minus the year before."""
    ok = pd.Series(True, index=df.index)
    keys = [k for k in KEY_WITHOUT if k not in ("indicator", "year")]
    levels = {
        (*(getattr(r, k) for k in keys), r.year): r.value
        for r in df[df["indicator"] == level].itertuples()
    }
    for r in df[df["indicator"] == change].itertuples():
        base = tuple(getattr(r, k) for k in keys)
        now, before = levels.get((*base, r.year)), levels.get((*base, r.year - 1))
        if now is not None and before is not None and abs(now - before - r.value) > tolerance:
            ok[r.Index] = False
    return ok


@_registered
def cells_clean(df: pd.DataFrame, *, marker_pattern: str):
    """Printed-table cells are stripped and carry no footnote markers."""
    bad = pd.Series(False, index=df.index)
    for col in df.columns:
        s = df[col].fillna("").astype(str)
        bad |= (s != s.str.strip()) | s.str.contains(marker_pattern, regex=True)
    return ~bad


@_registered
def bounds_ordered(df: pd.DataFrame, *, low_column: str, high_column: str):
    """Where both bounds of a range are given, the lower one is not above the upper one."""
    low = pd.to_numeric(df[low_column], errors="coerce")
    high = pd.to_numeric(df[high_column], errors="coerce")
    return ~(low > high).fillna(False).astype(bool)
