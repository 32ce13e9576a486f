"""A PDF report in one pass: its tables (with ids, notes and provenance) and its paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from string import ascii_lowercase

from ...model import (
    CellBox,
    DocumentError,
    Paragraph,
    ParagraphKind,
    Table,
    TableMethod,
    TableNote,
    TableStatus,
)
from ...text.normalize import normalize_ws
from .layout import Box, PageLayout
from .settings import (
    BY_CAPTION,
    PAGE_TABLES,
    TEXT,
    PageTableSettings,
    SettingsByCaption,
    TextSettings,
)
from .tables import FoundTable, find_captions, find_tables
from .text import page_paragraphs


@dataclass
class PdfContent:
    tables: list[Table]
    paragraphs: list[Paragraph]


def _table_ids(found: list[FoundTable]) -> list[str]:
    """``tabell-N``; ``tabell-Na``/``b``... side by side under one caption; ``utabell-pP-K``.

    More tables under one caption than letters a-z is a DocumentError."""
    ids: list[str] = []
    per_caption: dict[int, list[int]] = {}
    per_page: dict[int, int] = {}
    for i, ft in enumerate(found):
        if ft.caption is not None and ft.caption.kind == "tabell":
            per_caption.setdefault(id(ft.caption), []).append(i)
    for i, ft in enumerate(found):
        if ft.caption is not None and ft.caption.kind == "tabell":
            group = per_caption[id(ft.caption)]
            base = f"tabell-{ft.caption.number}"
            if len(group) > len(ascii_lowercase):
                raise DocumentError(
                    f"{len(group)} tables side by side under the caption of table "
                    f"{ft.caption.number} (page {ft.page}): only {len(ascii_lowercase)} "
                    "can be lettered a-z"
                )
            ids.append(base if len(group) == 1 else base + ascii_lowercase[group.index(i)])
        else:
            per_page[ft.page] = per_page.get(ft.page, 0) + 1
            ids.append(f"utabell-p{ft.page}-{per_page[ft.page]}")
    return ids


def _order_key(ft: FoundTable, settings: PageTableSettings) -> tuple:
    if ft.grid is not None:
        x0, top, _, _ = ft.grid.bbox
    elif ft.image is not None:
        x0, top = ft.image.x0, ft.image.top
    else:
        x0, top = ft.caption.x0, ft.caption.top
    if ft.caption is not None and ft.caption.kind == "tabell":
        top = min(top, ft.caption.top)
    return (ft.page, round(top / settings.order_row_step), x0)


def read_content(
    layouts: list[PageLayout],
    unnumbered_tables: bool,
    tables: SettingsByCaption = BY_CAPTION,
    page: PageTableSettings = PAGE_TABLES,
    text: TextSettings = TEXT,
) -> PdfContent:
    """The tables and paragraphs of a PDF's pages. ``tables`` gives the settings of each
    captioned table (a spec's overrides), ``page`` and ``text`` hold for every page."""
    found: list[FoundTable] = []
    paragraphs: list[Paragraph] = []
    for layout in layouts:
        page_found = sorted(
            find_tables(layout, unnumbered_tables, tables, page),
            key=lambda ft: _order_key(ft, page),
        )
        found += page_found
        exclude = [Box(*ft.grid.bbox) for ft in page_found if ft.grid is not None]
        for cap in find_captions(layout, page):
            exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in cap.segments]
        for ft in page_found:
            if ft.caption is not None:
                exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in ft.caption.segments]
        paragraphs += page_paragraphs(layout, exclude, text)
    ids = _table_ids(found)
    footnotes = {(p.page, p.marker): p.text for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE}
    by_marker = {p.marker: p.text for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE}
    notes = [p for p in paragraphs if p.kind == ParagraphKind.NOTE]
    tables: list[Table] = []
    for tid, ft in zip(ids, found, strict=True):
        table = _table(tid, ft, footnotes, by_marker, notes)
        previous = next((t for t in tables if t.table_id == tid), None)
        if previous is not None and previous.status == table.status == TableStatus.EXTRACTED:
            _continue(previous, table)  # the same caption again: the table goes on
            continue
        tables.append(table)
    return PdfContent(tables, paragraphs)


def _note_text(marker: str, page: int, footnotes, by_marker, notes: list[Paragraph]) -> str:
    if marker.strip("*") == "":
        for p in sorted(notes, key=lambda p: (p.page < page, p.page, p.top)):
            if p.marker == marker and p.page in (page, page + 1):
                return p.text
        return ""
    return footnotes.get((page, marker)) or by_marker.get(marker, "")


def _table(tid: str, ft: FoundTable, footnotes, by_marker, notes) -> Table:
    caption = normalize_ws(ft.caption.text) if ft.caption is not None else None
    table_notes: list[TableNote] = []
    if ft.caption is not None:
        for m in ft.caption.markers:
            table_notes.append(
                TableNote(None, None, m, _note_text(m, ft.page, footnotes, by_marker, notes))
            )
    if ft.grid is None:
        box = ft.image
        return Table(
            table_id=tid,
            caption=caption,
            pages=[ft.page],
            method=TableMethod.IMAGE,
            status=TableStatus.IMAGE_ONLY,
            bbox=[box.x0, box.top, box.x1, box.bottom] if box else None,
        )
    grid = ft.grid
    for n in grid.notes:
        table_notes.append(
            TableNote(
                n.row, n.col, n.marker, _note_text(n.marker, ft.page, footnotes, by_marker, notes)
            )
        )
    return Table(
        table_id=tid,
        caption=caption,
        pages=[ft.page],
        method=grid.method,
        status=TableStatus.EXTRACTED,
        cells=grid.cells,
        header_rows=grid.header_rows,
        notes=table_notes,
        bbox=list(grid.bbox),
        cell_boxes=[CellBox(ft.page, *box) for box in grid.cell_boxes],
    )


def _continue(first: Table, more: Table) -> None:
    """Append the body rows of a table continued on a later page."""
    body = more.cells[more.header_rows :]
    if more.cells[: more.header_rows] != first.cells[: first.header_rows]:
        body = more.cells
    offset = len(first.cells) - (len(more.cells) - len(body))
    first.cells.extend(body)
    first.pages.extend(p for p in more.pages if p not in first.pages)
    for n in more.notes:
        if n.row is not None:
            first.notes.append(TableNote(n.row + offset, n.col, n.marker, n.note))
    for b in more.cell_boxes:
        if b.row + offset >= len(first.cells) - len(body):
            first.cell_boxes.append(
                CellBox(b.page, b.row + offset, b.col, b.x0, b.top, b.x1, b.bottom)
            )
