"""What ``reportparse inspect`` shows: a document's tables as read, with their provenance.

The tables are those of the pipeline (from the cache where it has them). A PDF the
pipeline cannot take (an unknown kind of report, a spec's table missing) is still
read the way ``extract`` reads it, up to the step that fails, so that one can see why:
the reason is printed with it. ``show`` does all of it for one document, in a bounded
worker process (run/workers.py), as ``extract`` reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from ..model import (
    ChartReading,
    DocumentError,
    DocumentResult,
    Source,
    SourceKind,
    Table,
    TableStatus,
    pad_rows,
)
from ..output.records import cell_issue, table_record
from ..run.cache import Cache
from ..run.inputs import document_sha256, read_document_bytes
from ..run.names import display
from ..run.pipeline import cacheable, read_or_fail


@dataclass
class Inspected:
    source: Source
    tables: list[Table]
    note: str = ""  # why these are the table engine's tables rather than the pipeline's


@dataclass
class Shown:
    """What ``inspect`` prints for one document."""

    text: str = ""  # the tables, their provenance and pictures
    note: str = ""  # why the tables are the table engine's, not the pipeline's
    error: str = ""  # the one line said instead, when there is nothing to show


def show(path: Path, table_id: str | None, page: int | None, out: Path, cache: Cache) -> Shown:
    """Everything ``inspect`` does for the document ``path``: read it (or take it from the
    cache), draw the chosen tables into ``out`` and describe them."""
    from .pictures import LEGEND, save_table_images

    name = display(path.name)
    try:
        found = read(path, cache)
    except DocumentError as exc:
        return Shown(error=f"{name}: {exc}")
    tables = select(found.tables, table_id, page)
    if not tables:
        ids = ", ".join(t.table_id for t in found.tables) or "none"
        return Shown(error=f"{name}: no such table (tables: {ids})")
    blocks = []
    for t in tables:
        pictures = []
        if found.source.kind == SourceKind.PDF:
            stem = f"{found.source.source_id}-{t.table_id}"
            pictures = save_table_images(path, t, out, stem)
        blocks.append(describe(found.source, t, pictures))
    if found.source.kind == SourceKind.PDF:
        blocks.append(LEGEND)
    return Shown("\n\n".join(blocks), found.note)


def read(path: Path, cache: Cache) -> Inspected:
    """The tables of ``path`` as the pipeline reads them; DocumentError if it cannot be opened.
    Reads in this process: called in a bounded worker."""
    raw = path.parent
    sha = document_sha256(path, raw)
    value = cache.get(sha)
    if value is None:
        value = read_or_fail(path, raw, sha)
        if cacheable(value):
            cache.put(sha, value)
    if isinstance(value, DocumentResult):
        value.source.file = path.name
        return Inspected(value.source, value.tables)
    if value.kind != SourceKind.PDF:
        raise DocumentError(value.message)
    return Inspected(value, _tables_read(path), f"the pipeline fails it: {value.message}")


def _tables_read(path: Path) -> list[Table]:
    """The tables of a PDF the pipeline fails, read as ``extract`` reads them: the same
    reading, family and spec (the engine's defaults where no family knows it)."""
    from ..readers.document import content_of, open_reading

    return content_of(open_reading(read_document_bytes(path, path.parent), SourceKind.PDF)).tables


def select(tables: list[Table], table_id: str | None, page: int | None) -> list[Table]:
    return [
        t
        for t in tables
        if (table_id is None or t.table_id == table_id) and (page is None or page in t.pages)
    ]


def record_lines(table: Table) -> list[str]:
    """The table's record as ``tables.csv`` has it (``output.frames.table_record``)."""
    record = table_record(table)
    unobserved = record.pop("unobserved")
    counts = ", ".join(f"{k} {str(v).lower()}" for k, v in record.items() if k != "header_rows")
    lines = [f"  record   {counts}"]
    if table.reason:
        lines.append(f"  reason   {table.reason}")
    if unobserved:
        lines += [f"  no obs.  {cell_issue(u)}" for u in table.unobserved]
    return lines


def describe(source: Source, table: Table, pictures: list[Path]) -> str:
    """The table's provenance and its cells as text."""
    lines = [f"{table.table_id}: {table.caption or '(no caption)'}"]
    lines.append(f"  source   {source.source_id} ({source.file}, sha256 {source.sha256[:12]}…)")
    if table.pages:
        where = f"page {'-'.join(str(p) for p in sorted({min(table.pages), max(table.pages)}))}"
        if table.bbox:
            x0, top, x1, bottom = table.bbox
            where += f", region x0 {x0:.1f} top {top:.1f} x1 {x1:.1f} bottom {bottom:.1f} (pt)"
        lines.append(f"  where    {where}")
    header = f", {table.header_rows} header row{'s' * (table.header_rows != 1)}"
    lines.append(
        f"  read as  {table.method}, {table.n_rows} rows × {table.n_cols} columns"
        f"{header if table.status == TableStatus.EXTRACTED else ''}, status {table.status}"
    )
    lines += record_lines(table)
    if table.chart is not None:
        lines += _chart_lines(table.chart)
    if table.spec:
        lines.append(f"  spec     {table.spec} ({source.parser})")
    for p in pictures:
        lines.append(f"  picture  {p}")
    for n in table.notes:
        at = "caption" if n.row is None else f"r{n.row} c{n.col}"
        lines.append(f"  note     {at} [{n.marker}] {n.note or '(note text not found)'}")
    if table.cells:
        grid = tabulate(pad_rows(table.cells), tablefmt="simple_outline", disable_numparse=True)
        lines += ["", *grid.splitlines()]
    if source.kind == SourceKind.HTML:
        lines += ["", "  article text the table came from:"]
        text = table.source_text or "(the HTML reader recorded no article text for this table)"
        lines += [f"    {line}" for line in text.splitlines()]
    return "\n".join(lines)


def _chart_lines(chart: ChartReading) -> list[str]:
    """What a chart was read as: its kind, its labels, and each value axis as read."""
    cells = sum(1 for x in chart.labels if x.col > 0)
    totals = len(chart.labels) - cells
    read = f"{cells} value label{'s' * (cells != 1)} on bars and points"
    if totals:
        read += f", {totals} total{'s' * (totals != 1)} of stacks (checks, not cells)"
    lines = [f"  chart    {chart.kind or 'not read'}; {read}"]
    for scale in chart.scales:
        series = ", ".join(f"'{name}'" for name in scale.series)
        zero = -scale.origin if chart.vertical else scale.origin
        where = "from the top" if chart.vertical else "from the left"
        lines.append(
            f"  scale    {series}: 0 at {zero:.1f} pt {where}, 1 = {scale.per_unit:.4g} pt "
            f"(from the {scale.source})"
        )
    return lines
