"""What changed between two published folders: observations and key figures added, removed
and changed, matched by their primary keys (``datasets.py``), with the old and the new value
side by side and where each was read.

Each folder is read with ``reportparse.read``, so a file edited after publishing is refused
rather than compared. pandas is imported by the callers that read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .datasets import PRIMARY_KEYS

COMPARED = ["observations", "key_figures"]
CHANGES = ("added", "removed", "changed")


@dataclass
class Change:
    change: str  # added, removed, changed
    dataset: str
    indicator: str | None
    year: int | None
    key: dict  # the primary key's other columns
    old_value: object = None
    new_value: object = None
    old_source: str | None = None
    new_source: str | None = None
    columns: list[str] = field(default_factory=list)  # for a change: the columns that differ

    def to_dict(self) -> dict:
        return {
            "change": self.change,
            "dataset": self.dataset,
            "indicator": self.indicator,
            "year": self.year,
            "key": self.key,
            "old_value": self.old_value,
            "new_value": self.new_value,
            "old_source": self.old_source,
            "new_source": self.new_source,
            "columns": self.columns,
        }


def _plain(value):
    """A cell as plain Python: None for a missing value, an integral float as an int."""
    if value is None or value != value or str(value) == "<NA>":
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _source(dataset: str, row: dict) -> str:
    """Where a row was read: ``imdi-nokkeltall-2025 p. 8 [tabell-1 r1 c2]``; a key figure by
    its expression: ``imdi-nokkeltall-2025 p. 5 ["36 100"]``."""
    page = f" p. {row['page']}" if row.get("page") is not None else ""
    where = row["locator"] if dataset == "observations" else f'"{row["expression"]}"'
    return f"{row['source_id']}{page} [{where}]"


def _value(row: dict) -> str:
    value = row["value"]
    approximate = " (approximate)" if row.get("approximate") else ""
    unit = f" {row['unit']}" if row.get("unit") else ""
    return f"{value}{unit}{approximate}"


def _rows(folder: Path, dataset: str) -> dict[tuple, dict]:
    from ..published import read

    frame = read(dataset, folder)
    rows = [{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")]
    return {tuple(r[k] for k in PRIMARY_KEYS[dataset]): r for r in rows}


def _change(kind: str, dataset: str, old: dict | None, new: dict | None) -> Change:
    row = new if new is not None else old
    key = {k: row[k] for k in PRIMARY_KEYS[dataset] if k not in ("indicator", "year")}
    differ = [c for c in old if old[c] != new.get(c)] if old and new else []
    return Change(
        change=kind,
        dataset=dataset,
        indicator=row.get("indicator"),
        year=row.get("year"),
        key=key,
        old_value=None if old is None else _value(old),
        new_value=None if new is None else _value(new),
        old_source=None if old is None else _source(dataset, old),
        new_source=None if new is None else _source(dataset, new),
        columns=differ,
    )


def diff(old: Path, new: Path) -> list[Change]:
    """Every row of observations and key_figures that ``new`` adds, removes or changes (any
    column: value, unit, approximate or where it was read), sorted by dataset, indicator,
    year, kind of change and key."""
    changes = []
    for dataset in COMPARED:
        before, after = _rows(old, dataset), _rows(new, dataset)
        for k in before.keys() - after.keys():
            changes.append(_change("removed", dataset, before[k], None))
        for k in after.keys() - before.keys():
            changes.append(_change("added", dataset, None, after[k]))
        for k in before.keys() & after.keys():
            if before[k] != after[k]:
                changes.append(_change("changed", dataset, before[k], after[k]))
    return sorted(changes, key=_order)


def _order(c: Change) -> tuple:
    return (
        COMPARED.index(c.dataset),
        c.indicator is None,
        c.indicator or "",
        c.year is None,
        c.year or 0,
        CHANGES.index(c.change),
        tuple(c.key.values()),
    )


def key_text(c: Change) -> str:
    """The key's other columns, those that say more than ``alle``: ``region_code=03``."""
    if c.dataset == "observations":
        shown = {k: v for k, v in c.key.items() if v not in ("alle", "00")}
        return " ".join(f"{k}={v}" for k, v in shown.items()) or "whole country, all"
    return " ".join(f"{k}={v}" for k, v in c.key.items())
