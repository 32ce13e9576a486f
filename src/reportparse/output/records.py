"""A table's record as ``tables.csv`` and ``reportparse tables`` give it: how it was read,
from its cells alone (no pandas)."""

from __future__ import annotations

from ..model import CellIssue, Table, pad_rows
from ..text.printed import missing_reason
from ..text.quantities import parse_number


def _number(text: str) -> bool:
    text = text.strip().replace("−", "-").replace("–", "-").replace("%", "").strip()
    return bool(text) and missing_reason(text) is None and parse_number(text) is not None


def table_record(t: Table) -> dict:
    """How a table was read, as camelot's parsing_report tells it: its body (the rows under
    the header, the columns after the stub), the cells of the body that are empty, a
    missing-value symbol ("..") or unreadable (text in a column of numbers), rows with values
    and no stub, stubs with no values, whether it was joined from several pages, and the
    body cells that gave no observation, each with its reason."""
    rows = pad_rows(t.cells[t.header_rows :], t.n_cols)
    stubs = [row[0].strip() for row in rows]
    body = [[v.strip() for v in row[1:]] for row in rows]
    numeric = {c for c in range(t.n_cols - 1) if any(_number(row[c]) for row in body)}
    cells = [(c, v) for row in body for c, v in enumerate(row)]
    missing = [v for _, v in cells if v and missing_reason(v) is not None]
    unreadable = [v for c, v in cells if c in numeric and v and not _number(v)]
    unreadable = [v for v in unreadable if missing_reason(v) is None]
    filled = [any(row) for row in body]
    return {
        "header_rows": t.header_rows,
        "body_rows": len(body),
        "body_cols": max(t.n_cols - 1, 0),
        "empty_cells": sum(1 for _, v in cells if not v),
        "missing_cells": len(missing),
        "unreadable_cells": len(unreadable),
        "rows_without_stub": sum(1 for s, f in zip(stubs, filled, strict=True) if f and not s),
        "stubs_without_values": sum(1 for s, f in zip(stubs, filled, strict=True) if s and not f),
        "joined_pages": t.joined,
        "unobserved": "; ".join(cell_issue(u) for u in t.unobserved) or None,
    }


def cell_issue(u: CellIssue) -> str:
    """A body cell that gave no observation: "r3 c2 '..': missing value (data not available)"."""
    return f"r{u.row} c{u.col} {u.text!r}: {u.reason}"
