"""A table's fate: the one place where a table's or a chart's status changes after its reading.

The reader gives each table and chart its first verdict when it makes the record
(``extracted``, ``image_only``, ``failed``; a chart that fails its self-check
``incomplete``). Every later step adds its verdict here: the mapping (``unmapped`` where no
spec entry maps a table, ``incomplete`` where the entry's rows or columns cannot take it)
and the document's own checks (``incomplete`` where a table lacks a county or a category).
A verdict only ever lowers a status, in the order of ``ORDER``: a later step can never turn
a ``failed`` table into an ``extracted`` one, nor overwrite an earlier step's reason. The
notices and problems said of a table come from its record alone (``notice``, ``problem``).
"""

from __future__ import annotations

from ..model import DocumentResult, Table, TableKind, TableStatus

# Best first. A later verdict is kept only where it stands further down than the present one.
ORDER = (
    TableStatus.EXTRACTED,
    TableStatus.UNMAPPED,
    TableStatus.INCOMPLETE,
    TableStatus.IMAGE_ONLY,
    TableStatus.FAILED,
)
UNREAD = (TableStatus.FAILED, TableStatus.INCOMPLETE)  # read, but not whole or not at all


def settle(table: Table, status: TableStatus, reason: str) -> bool:
    """Give ``table`` the verdict ``status`` for ``reason`` where it is worse than the one it
    has; else leave its status and reason as they are. Whether it was given."""
    if ORDER.index(status) <= ORDER.index(table.status):
        return False
    table.status, table.reason = status, reason
    return True


def unmapped(table: Table, reason: str) -> bool:
    """A table read whole that no spec entry maps: published as printed."""
    return settle(table, TableStatus.UNMAPPED, reason)


def incomplete(table: Table, reason: str) -> bool:
    """A table that is not whole, or that its mapping cannot take whole."""
    return settle(table, TableStatus.INCOMPLETE, reason)


def withhold(result: DocumentResult, table: Table, reason: str) -> bool:
    """A mapped table found not whole by its document's checks: it is ``incomplete``, its
    observations are taken out of ``result``, and ``result`` is partial."""
    if not incomplete(table, reason):
        return False
    result.observations = [o for o in result.observations if o.table_id != table.table_id]
    result.problems.append(problem(table))
    return True


def problem(table: Table) -> str | None:
    """Why a table keeps its document partial (a table that failed or is incomplete; a chart
    never does), from its record; None where it does not."""
    if table.kind == TableKind.TABLE and table.status in UNREAD:
        return f"{table.table_id}: {table.reason}"
    return None


def notice(table: Table) -> str | None:
    """What is said of a table published as printed, or of a chart that could not be read
    whole, from its record; None where nothing is."""
    if table.status == TableStatus.UNMAPPED:
        return f"{table.table_id} {table.reason}"
    if table.kind == TableKind.FIGURE and table.status in UNREAD:
        return f"{table.table_id} is {table.status}: {table.reason}"
    return None
