"""Document results into the published data frames (one per dataset of the contract)."""

from __future__ import annotations

import pandas as pd

from ..model import (
    KEY,
    DocumentResult,
    Observation,
    Source,
    TableStatus,
    Unit,
    field_names,
    pad_rows,
)
from ..text.dates import figure_date
from .merge import Conflict
from .validation import schema

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
        }
        for r in results
        for t in r.tables
    ]
    cols = ["source_id", "table_id", "caption", "pages", "n_rows", "n_cols", "method", "status"]
    return pd.DataFrame(rows, columns=cols)


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
                "value": None if is_date else float(f.value),
                "unit": f.unit,
                "approximate": bool(f.approximate),
            }
            classified = bool(c.indicator)
            for k in KF_DIMS:
                v = getattr(c, k) if k != "year" else (c.years[0] if c.years else None)
                row[k] = v if classified and v != "" else None
            row["date"] = figure_date(f.value) if is_date else None
            row["n"] = i
            rows.append(row)
    cols = ["source_id", "page", "sentence", "expression", "value", "unit", "approximate",
            *KF_DIMS, "date", "n"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols).astype(
        {"page": "Int64", "year": "Int64", "value": "Float64"}
    )


def observations_frame(observations: list[Observation]) -> pd.DataFrame:
    cols = [c for c in field_names(Observation) if c != "origin"]
    rows = [{k: getattr(o, k) for k in cols} for o in observations]
    df = pd.DataFrame(rows, columns=cols).astype({"page": "Int64"})
    df["value"] = df["value"].astype(float)
    df["approximate"] = df["approximate"].astype(bool)
    return df.sort_values(list(KEY), kind="stable").reset_index(drop=True)


def conflicts_frame(conflicts: list[Conflict]) -> pd.DataFrame:
    rows = []
    for c in conflicts:
        row = dict(zip(KEY, c.key, strict=True))
        row.update(
            values=c.values,
            kept_value=float(c.kept_value),
            kept_source_id=c.kept_source_id,
            kept_locator=c.kept_locator,
            reason=c.reason,
        )
        rows.append(row)
    cols = [*KEY, "values", "kept_value", "kept_source_id", "kept_locator", "reason"]
    return pd.DataFrame(rows, columns=cols)


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
            if t.status == TableStatus.EXTRACTED:
                out[f"tables/{r.source.source_id}/{t.table_id}.csv"] = pad_rows(t.cells)
    return out
