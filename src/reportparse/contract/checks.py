"""Named cross-checks that the YAML schemas in ``schemas/`` and the specs' ``checks`` use.

Each check takes the whole data frame and keyword parameters, and returns one boolean
per row: False marks a failing row, which the validation report prints. They are
registered with pandera by ``output.validation``; ``CHECKS`` lists them by name, so that a
spec naming a check that does not exist fails when it is loaded.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import pandas as pd

from ..model import KEY
from . import regions
from .vocabulary import vocabulary

CHECKS: dict[str, Callable] = {}
# completeness rules (a spec entry's ``completeness``): each names what a table lacks; its
# pandera check, in CHECKS under the same name, passes where the rule names nothing
COMPLETENESS: dict[str, Callable[..., list[str]]] = {}


def _others(dim: str) -> list[str]:
    return [k for k in KEY if k != dim]


def _registered(fn):
    CHECKS[fn.__name__] = fn
    return fn


def parameters(name: str) -> tuple[set[str], set[str]]:
    """The (required, optional) keyword parameters of the check called ``name``."""
    params = inspect.signature(CHECKS[name]).parameters.values()
    keyword = [p for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]
    required = {p.name for p in keyword if p.default is inspect.Parameter.empty}
    return required, {p.name for p in keyword} - required


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


def _flag_groups(df: pd.DataFrame, bad: pd.Series, keys: list[str]) -> pd.Series:
    """Rows of ``df`` whose key (``keys``) is one of the keys marked True in ``bad``."""
    bad_keys = bad[bad].index
    if bad_keys.empty:
        return pd.Series(True, index=df.index)
    rows = pd.MultiIndex.from_frame(df[keys])
    wanted = bad_keys if isinstance(bad_keys, pd.MultiIndex) else pd.MultiIndex.from_arrays(
        [bad_keys]
    )  # fmt: skip
    return pd.Series(~rows.isin(wanted), index=df.index)


@_registered
def gender_total_between(df: pd.DataFrame, *, tolerance: float):
    """Where women, men and both are given for one key, both lies between women and men.

    Only shares: a count for both genders is the sum of its parts, not between them
    (``parts_sum_to_total`` checks that).
    """
    keys = _others("gender")
    shares = df[df["unit"] == "percent"]
    wide = shares.groupby([*keys, "gender"], dropna=False)["value"].first().unstack("gender")
    if not {"alle", "kvinner", "menn"} <= set(wide.columns):
        return pd.Series(True, index=df.index)
    lo = wide[["kvinner", "menn"]].min(axis=1, skipna=False)
    hi = wide[["kvinner", "menn"]].max(axis=1, skipna=False)
    both = wide["alle"]
    bad = both.notna() & lo.notna() & ((both < lo - tolerance) | (both > hi + tolerance))
    return _flag_groups(df, bad, keys) | (df["unit"] != "percent")


@_registered
def parts_sum_to_total(
    df: pd.DataFrame, *, dimension: str, total: str, tolerance: float, unit: str = ""
):
    """For one key, the values of the parts of ``dimension`` add up to its ``total`` value.

    ``unit`` restricts the check to the rows of one unit where a table holds counts and
    shares side by side (the counts of the counties add up, their shares do not).
    """
    if unit:
        rows = df[df["unit"] == unit]
        return parts_sum_to_total(
            rows, dimension=dimension, total=total, tolerance=tolerance
        ).reindex(df.index, fill_value=True)
    keys = _others(dimension)
    is_total = df[dimension] == total
    grouped = df.assign(
        part=df["value"].where(~is_total), whole=df["value"].where(is_total), n_total=is_total
    ).groupby(keys, dropna=False)
    sums = grouped.agg(
        parts=("part", "sum"), n_parts=("part", "count"), whole=("whole", "first"),
        n_total=("n_total", "sum"),
    )  # fmt: skip
    bad = (sums.n_total == 1) & (sums.n_parts > 0) & ((sums.parts - sums.whole).abs() > tolerance)
    return _flag_groups(df, bad, keys)


@dataclass(frozen=True)
class SumGap:
    """A key whose parts do not add up to its total: the total's row, the sum, the total."""

    total_row: Hashable  # the index of the total's row in the frame
    rows: list  # the indexes of the key's rows, parts and total
    parts: float
    whole: float

    @property
    def difference(self) -> float:
        return self.whole - self.parts


NOTE_NUMBER = re.compile(
    r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?![\d,.])|(?<![\d,.])\d+(?![\d,.])"
)


def sum_gaps(
    df: pd.DataFrame, *, dimension: str, total: str, tolerance: float, unit: str = ""
) -> list[SumGap]:
    """The keys that fail ``parts_sum_to_total`` with the same parameters, each with its sum
    and its total."""
    rows = df[df["unit"] == unit] if unit else df
    keys = _others(dimension)
    out = []
    for _, group in rows.groupby(keys, dropna=False):
        is_total = group[dimension] == total
        if is_total.sum() != 1 or (~is_total).sum() == 0:
            continue
        parts, whole = (
            float(group["value"][~is_total].sum()),
            float(group["value"][is_total].iloc[0]),
        )
        if abs(parts - whole) > tolerance:
            out.append(SumGap(group.index[is_total][0], list(group.index), parts, whole))
    return out


def note_accounts_for(gap: SumGap, note: str, tolerance: float) -> bool:
    """Whether a note on the total states the difference between it and its parts: a number
    of the note ("omfatter også 36 personer") equals it."""
    numbers = [float(re.sub(r"\D", "", m)) for m in NOTE_NUMBER.findall(note)]
    return any(abs(abs(gap.difference) - n) <= tolerance for n in numbers)


@_registered
def parts_sum_to(
    df: pd.DataFrame, *, dimension: str, target: float, tolerance: float, indicator: str = ""
):
    """For one key, the values over ``dimension`` add up to ``target`` (a distribution: 100).

    ``indicator`` restricts the check to one indicator where a table holds several.
    """
    keys = _others(dimension)
    rows = df[df["indicator"] == indicator] if indicator else df
    sums = rows.groupby(keys, dropna=False)["value"].agg(["sum", "size"])
    bad = (sums["size"] > 1) & ((sums["sum"] - target).abs() > tolerance)
    flagged = _flag_groups(rows, bad, keys)
    return flagged.reindex(df.index, fill_value=True)


@_registered
def counts_give_share(df: pd.DataFrame, *, parts: list, whole: str, share: str, tolerance: float):
    """Where one key has the counts ``parts`` (finishers who went to work, to education),
    their whole (``whole``: finishers) and the printed ``share``, 100 × sum(parts) / whole
    equals the share within ``tolerance`` (the share's rounding)."""
    keys = _others("indicator")
    wanted = df[df["indicator"].isin([*parts, whole, share])]
    wide = wanted.groupby([*keys, "indicator"], dropna=False)["value"].first().unstack("indicator")
    if not {*parts, whole, share} <= set(wide.columns):
        return pd.Series(True, index=df.index)
    computed = 100 * wide[list(parts)].sum(axis=1, min_count=len(parts)) / wide[whole]
    bad = computed.notna() & wide[share].notna() & ((computed - wide[share]).abs() > tolerance)
    flagged = _flag_groups(wanted, bad, keys)
    return flagged.reindex(df.index, fill_value=True)


@_registered
def difference_of_years(df: pd.DataFrame, *, change: str, level: str, tolerance: float):
    """The ``change`` indicator of a year equals ``level`` in that year minus the year before."""
    ok = pd.Series(True, index=df.index)
    keys = [k for k in KEY if k not in ("indicator", "year")]
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


@_registered
def date_in_own_column(df: pd.DataFrame, *, unit_column: str, date_unit: str):
    """A row in the unit ``date_unit`` has its date in the column ``date`` as well (its
    ``value`` stays the number YYYYMMDD); every other row has no ``date``."""
    is_date = df[unit_column] == date_unit
    return (is_date & df["date"].notna()) | (~is_date & df["date"].isna())


# ---------------------------------------------------------------- completeness of a table
# These run on the frame of a table's body (``output.frames.table_cells``): one row per cell
# of its body that is not empty (its stub included), with the row's ``label``, the
# ``region_code`` and ``category`` the label gives (empty where it gives none), the table's
# ``year``, the ``observations`` the cell gives and why it gives none (``unobserved``).


def _completeness(fn):
    """Register ``fn`` (a frame and parameters in, what is missing out) as a completeness rule
    and as the pandera check that passes where it names nothing."""
    COMPLETENESS[fn.__name__] = fn

    @functools.wraps(fn)
    def check(df: pd.DataFrame, **params) -> bool:
        return not fn(df, **params)

    CHECKS[fn.__name__] = check
    return fn


def _labels(df: pd.DataFrame, unknown: pd.Series) -> list[str]:
    """The row labels (once each, in the order of the rows) where ``unknown`` holds."""
    rows = df[unknown & (df["col"] == 0)].sort_values("row")
    return list(dict.fromkeys(rows["label"]))


@_completeness
def every_region(
    df: pd.DataFrame, *, level: str = "county", national: bool = True, absent: list = ()
) -> list[str]:
    """A table whose rows are regions has a row for every region of ``level`` in force in its
    year (``schemas/regions.csv``) and, where ``national``, for the whole country; the codes
    in ``absent`` may be left out. A row label that is no region of that year is named."""
    if df.empty:
        return ["no rows"]
    year = int(df["year"].iloc[0])
    present = set(df["region_code"].dropna())
    wanted = [*(regions.in_force("country", year) if national else []),
              *regions.in_force(level, year)]  # fmt: skip
    missing = [r for r in wanted if r.code not in present and r.code not in absent]
    out = []
    if missing:
        names = ", ".join(f"{r.code} {r.name}" for r in missing)
        out.append(
            f"no row for {names} ({level} structure from {regions.structure_from(level, year)})"
        )
    unknown = _labels(df, df["region_code"].isna())
    if unknown:
        out.append(f"no {level} in force in {year}: {', '.join(map(repr, unknown))}")
    return out


@_completeness
def every_category(df: pd.DataFrame, *, categories: list) -> list[str]:
    """A table whose rows are categories has a row for each of ``categories`` (as printed, case
    aside) and no other, but for a total ("Sum", "I alt")."""
    wanted = {" ".join(c.split()).casefold(): c for c in categories}
    labels = df[df["col"] == 0]
    have = {" ".join(str(v).split()).casefold() for v in labels["label"]}
    missing = [c for key, c in wanted.items() if key not in have]
    out = []
    if missing:
        out.append(f"no row for {', '.join(map(repr, missing))}")
    odd = labels["category"].notna() & (labels["category"] != "alle")
    odd &= ~labels["label"].map(lambda v: " ".join(str(v).split()).casefold() in wanted)
    unknown = _labels(df, odd.reindex(df.index, fill_value=False))
    if unknown:
        out.append(f"unknown categories: {', '.join(map(repr, unknown))}")
    return out


@_registered
def cells_accounted(df: pd.DataFrame):
    """Every non-empty value cell of a table's body gives exactly one observation, or none
    and the reason why (``unobserved``)."""
    values = df["col"] > 0
    listed = df["unobserved"].notna() & (df["unobserved"] != "")
    return ~values | ((df["observations"] == 1) & ~listed) | ((df["observations"] == 0) & listed)
