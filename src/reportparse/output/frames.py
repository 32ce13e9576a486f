"""Document results into the published data frames (one per dataset of the contract)."""

from __future__ import annotations

import pandas as pd

from ..mapping import tidy
from ..model import (
    KEY,
    DocumentResult,
    Observation,
    Source,
    Table,
    TableStatus,
    Unit,
    field_names,
    pad_rows,
)
from ..specs.schema import TableEntry
from ..text.dates import figure_date
from ..text.normalize import normalize_ws
from .merge import Conflict
from .records import table_record
from .validation import schema

# the statuses of tables published as printed, under tables/
PRINTED = (TableStatus.EXTRACTED, TableStatus.UNMAPPED)
# the columns of tables.csv: what was found, then how it was read (camelot's parsing_report)
TABLE_COLUMNS = [
    "source_id", "table_id", "caption", "pages", "n_rows", "n_cols", "method", "status",
    "kind", "reason", "header_rows", "body_rows", "body_cols", "empty_cells", "missing_cells",
    "unreadable_cells", "rows_without_stub", "stubs_without_values", "joined_pages",
    "unobserved", "found_by",
]  # fmt: skip

# why a key figure has its classification: the rule, the words it matched, or the part missing
KF_EVIDENCE = ["rule", "matched", "missing"]
KF_DIMS = ["indicator", "year", "region_code", "region_name", "gender", "group", "age_group",
           "education", "category"]  # fmt: skip


def _pages(pages: list[int]) -> str | None:
    if not pages:
        return None
    return str(pages[0]) if len(pages) == 1 else f"{min(pages)}-{max(pages)}"


def _none_if_empty(v):
    return None if v == "" else v


def sources_frame(sources: list[Source]) -> pd.DataFrame:
    rows = [{k: _none_if_empty(getattr(s, k)) for k in field_names(Source)} for s in sources]
    df = pd.DataFrame(rows, columns=field_names(Source))
    return df.sort_values("source_id", kind="stable").reset_index(drop=True)


def tables_frame(results: list[DocumentResult]) -> pd.DataFrame:
    rows = [
        {
            "source_id": r.source.source_id,
            "table_id": t.table_id,
            "caption": t.caption,
            "pages": _pages(t.pages),
            "n_rows": t.n_rows,
            "n_cols": t.n_cols,
            "method": t.method,
            "status": t.status,
            "kind": t.kind,
            "reason": t.reason or None,
            **table_record(t),
            "found_by": t.found_by or None,
        }
        for r in results
        for t in r.tables
    ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def table_cells(
    table: Table, entry: TableEntry, observations: list[Observation], year: int
) -> pd.DataFrame:
    """The body of a mapped table as its completeness rules see it (``contract/checks.py``):
    one row per body cell that is not empty, the stub of every body row included."""
    given: dict[tuple[int, int], int] = {}
    for o in observations:
        parts = o.locator.split(" ")
        if parts[0] == table.table_id and len(parts) == 3:
            key = (int(parts[1][1:]), int(parts[2][1:]))
            given[key] = given.get(key, 0) + 1
    why = {(u.row, u.col): u.reason for u in table.unobserved}
    rows = []
    for r in range(table.header_rows, table.n_rows):
        row = table.cells[r]
        label = normalize_ws(row[0]) if row else ""
        dims = tidy.row_dims(entry.rows, label, year) if label else "no stub"
        dims = dims if isinstance(dims, dict) else {}
        for c, text in enumerate(row):
            if c > 0 and not text.strip():
                continue
            rows.append(
                {
                    "table_id": table.table_id,
                    "row": r,
                    "col": c,
                    "text": text,
                    "label": label,
                    "region_code": dims.get("region_code"),
                    "category": dims.get("category"),
                    "year": year,
                    "observations": given.get((r, c), 0),
                    "unobserved": why.get((r, c)),
                }
            )
    return pd.DataFrame(rows, columns=list(schema("table_cells").columns))


def notes_frame(results: list[DocumentResult]) -> pd.DataFrame:
    rows = [
        {
            "source_id": r.source.source_id,
            "table_id": t.table_id,
            "row": n.row,
            "col": n.col,
            "marker": n.marker,
            "note": n.note or None,
            "n": i,
        }
        for r in results
        for t in r.tables
        for i, n in enumerate(t.notes, 1)
    ]
    cols = ["source_id", "table_id", "row", "col", "marker", "note", "n"]
    return pd.DataFrame(rows, columns=cols).astype({"row": "Int64", "col": "Int64"})


def key_figures_frame(results: list[DocumentResult]) -> pd.DataFrame:
    """One row per key figure; a date (unit ``date``) in the column ``date``, its ``value``
    empty; ``n`` numbers each document's figures in reading order."""
    rows = []
    for r in results:
        for i, f in enumerate(r.key_figures, 1):
            c = f.classification
            is_date = f.unit == Unit.DATE
            row = {
                "source_id": r.source.source_id,
                "page": f.page,
                "sentence": f.sentence,
                "expression": f.expression,
                "value": float(f.value),
                "unit": f.unit,
                "approximate": bool(f.approximate),
            }
            classified = bool(c.indicator)
            for k in KF_DIMS:
                v = getattr(c, k) if k != "year" else (c.years[0] if c.years else None)
                row[k] = v if classified and v != "" else None
            row["date"] = figure_date(f.value) if is_date else None
            row["n"] = i
            for k in KF_EVIDENCE:
                row[k] = getattr(c, k) or None
            rows.append(row)
    cols = ["source_id", "page", "sentence", "expression", "value", "unit", "approximate",
            *KF_DIMS, "date", "n", *KF_EVIDENCE]  # fmt: skip
    return pd.DataFrame(rows, columns=cols).astype({"page": "Int64", "year": "Int64"})


def observations_frame(observations: list[Observation]) -> pd.DataFrame:
    cols = [c for c in field_names(Observation) if c not in ("origin", "table_id")]
    rows = [{k: getattr(o, k) for k in cols} for o in observations]
    df = pd.DataFrame(rows, columns=cols).astype({"page": "Int64"})
    df["value"] = df["value"].astype(float)
    df["approximate"] = df["approximate"].astype(bool)
    return df.sort_values(list(KEY), kind="stable").reset_index(drop=True)


CONFLICT_COLUMNS = [*KEY, "n", "value", "approximate", "kept", "source_id", "page", "locator",
                    "reason"]  # fmt: skip


def conflicts_frame(conflicts: list[Conflict]) -> pd.DataFrame:
    """Long form: one row per value seen at each place it was read (document, page,
    locator), ``n`` numbering a key's places in the order of the merge rule (1: the place
    observations cites); ``kept`` marks the value published."""
    rows = []
    for c in conflicts:
        for n, o in enumerate(c.seen, 1):
            row = dict(zip(KEY, c.key, strict=True))
            row.update(
                n=n,
                value=float(o.value),
                approximate=bool(o.approximate),
                kept=round(o.value, 6) == round(c.kept_value, 6)
                and o.approximate == c.kept_approximate,
                source_id=o.source_id,
                page=o.page,
                locator=o.locator,
                reason=c.reason,
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS).astype({"page": "Int64"})


def conflict_keys(conflicts: pd.DataFrame) -> int:
    """How many observation keys the sources disagree on (conflicts has a row per place)."""
    return len(conflicts.drop_duplicates(list(KEY)))


def family_frame(name: str, results: list[DocumentResult]) -> pd.DataFrame:
    """A dataset that documents of some families yield (``DocumentResult.datasets[name]``),
    in the column order of its schema, each row with its document's source_id."""
    rows = [
        {**row, "source_id": r.source.source_id}
        for r in sorted(results, key=lambda r: r.source.source_id)
        for row in r.datasets.get(name, [])
    ]
    return pd.DataFrame(rows, columns=list(schema(name).columns))


def printed_tables(results: list[DocumentResult]) -> dict[str, list[list[str]]]:
    out = {}
    for r in results:
        for t in r.tables:
            if t.status in PRINTED:
                out[f"tables/{r.source.source_id}/{t.table_id}.csv"] = pad_rows(t.cells)
    return out
