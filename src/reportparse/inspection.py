"""What ``reportparse inspect`` shows: a document's tables as read, with their provenance.

The tables are those of the pipeline (from the cache where it has them). A PDF the
pipeline cannot take (an unknown kind of report, a spec's table missing) is still
read by the table engine, so that one can see why: the reason is printed with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from .cache import Cache, file_sha256
from .model import DocumentError, DocumentResult, Source, Table


@dataclass
class Inspected:
    source: Source
    tables: list[Table]
    note: str = ""  # why these are the table engine's tables rather than the pipeline's


def read(path: Path, cache: Cache) -> Inspected:
    """The tables of ``path`` as the pipeline reads them; DocumentError if it cannot be opened."""
    from .pipeline import extract_one

    sha = file_sha256(path)
    value = cache.get(sha)
    if value is None:
        value = extract_one(path)
        cache.put(sha, value)
    if isinstance(value, DocumentResult):
        value.source.file = path.name
        return Inspected(value.source, value.tables)
    if value.kind != "pdf":
        raise DocumentError(value.message)
    return Inspected(value, _engine_tables(path, value), f"the pipeline fails it: {value.message}")


def _engine_tables(path: Path, source: Source) -> list[Table]:
    """Tables of a PDF as the table engine finds them, with the family's settings if known."""
    from . import registry
    from .extract import FIRST_PAGES
    from .pdf.document import metadata, open_pdf, page_layouts
    from .pdf.report import read_pdf

    pdf = open_pdf(path.read_bytes())
    try:
        title, created = metadata(pdf)
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    first = "\n".join(s.text for layout in layouts[:FIRST_PAGES] for s in layout.segments)
    found = registry.detect(first, "pdf", title, created)
    unnumbered = found.family.unnumbered_tables if found else True
    return read_pdf(layouts, unnumbered).tables


def select(tables: list[Table], table_id: str | None, page: int | None) -> list[Table]:
    return [
        t
        for t in tables
        if (table_id is None or t.table_id == table_id) and (page is None or page in t.pages)
    ]


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
        f"{header if table.status == 'extracted' else ''}, status {table.status}"
    )
    if table.spec:
        lines.append(f"  spec     {table.spec} ({source.parser})")
    for p in pictures:
        lines.append(f"  picture  {p}")
    for n in table.notes:
        at = "caption" if n.row is None else f"r{n.row} c{n.col}"
        lines.append(f"  note     {at} [{n.marker}] {n.note or '(note text not found)'}")
    if table.cells:
        width = table.n_cols
        rows = [row + [""] * (width - len(row)) for row in table.cells]
        grid = tabulate(rows, tablefmt="simple_outline", disable_numparse=True)
        lines += ["", *grid.splitlines()]
    if source.kind == "html":
        lines += ["", "  article text the table came from:"]
        text = table.source_text or "(the HTML reader recorded no article text for this table)"
        lines += [f"    {line}" for line in text.splitlines()]
    return "\n".join(lines)
