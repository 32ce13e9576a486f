"""A PDF report in one pass: its tables (with ids, notes and provenance) and its paragraphs.

A table that goes on over a page break is published as one table with every page it is on:
under a caption that repeats its number ("Tabell 2 (forts.)"), or with no caption at all
where the table before ends its page and the next page begins with rules or aligned text in
its columns (its header repeated or not; running heads, page numbers and footnotes on the
way are left out).
"""

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
from .alignment import Evidence
from .furniture import furniture
from .header import same_header
from .layout import Box, PageLayout
from .rules import read_grid
from .settings import (
    BY_CAPTION,
    PAGE_TABLES,
    TEXT,
    PageTableSettings,
    SettingsByCaption,
    TextSettings,
)
from .tables import Candidate, FoundTable, PageTables, captions_under
from .text import page_paragraphs


@dataclass
class PdfContent:
    tables: list[Table]
    paragraphs: list[Paragraph]


def _table_ids(found: list[FoundTable]) -> list[str]:
    """``tabell-N``; ``tabell-Na``/``b``... side by side under one caption; ``utabell-pP-K``.
    A table's continuation on a later page has its table's id.

    More tables under one caption than letters a-z is a DocumentError."""
    ids: list[str] = []
    per_caption: dict[int, list[int]] = {}
    per_page: dict[int, int] = {}
    index = {id(ft): i for i, ft in enumerate(found)}
    for i, ft in enumerate(found):
        if ft.caption is not None and ft.caption.kind == "tabell" and ft.continues is None:
            per_caption.setdefault(id(ft.caption), []).append(i)
    for i, ft in enumerate(found):
        if ft.continues is not None:
            ids.append(ids[index[id(ft.continues)]])
        elif ft.caption is not None and ft.caption.kind == "tabell":
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
    if ft.caption is not None and ft.caption.kind == "tabell" and ft.continues is None:
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
    furnished = furniture(layouts, page)
    pages = [PageTables(layout, furnished[i], tables, page) for i, layout in enumerate(layouts)]
    under = captions_under([o for p in pages for o in p.options()])
    found: list[FoundTable] = []
    paragraphs: list[Paragraph] = []
    last: FoundTable | None = None  # the last table of the page before, where it ends its page
    for p in pages:
        page_found = p.read(under)
        more = _continuation(p, last)
        if more is not None:
            page_found.append(more)
        if unnumbered_tables:
            page_found += p.unnumbered()
        page_found.sort(key=lambda ft: _order_key(ft, page))
        found += page_found
        read = [ft for ft in page_found if ft.grid is not None]
        last = read[-1] if read and p.ends_page(read[-1].grid) else None
        exclude = [Box(*ft.grid.bbox) for ft in page_found if ft.grid is not None]
        for cap in p.captions:
            exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in cap.segments]
        for ft in page_found:
            if ft.caption is not None:
                exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in ft.caption.segments]
        paragraphs += page_paragraphs(p.layout, exclude, text)
    ids = _table_ids(found)
    footnotes = {(p.page, p.marker): p.text for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE}
    by_marker = {p.marker: p.text for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE}
    notes = [p for p in paragraphs if p.kind == ParagraphKind.NOTE]
    out: list[Table] = []
    for tid, ft in zip(ids, found, strict=True):
        table = _table(tid, ft, footnotes, by_marker, notes)
        previous = next((t for t in out if t.table_id == tid), None)
        if previous is not None and previous.status == table.status == TableStatus.EXTRACTED:
            _continue(previous, table)  # the same table on a later page
            continue
        out.append(table)
    return PdfContent(out, paragraphs)


def _continuation(p: PageTables, last: FoundTable | None) -> FoundTable | None:
    """The part of ``last`` (the table that ended the page before) that this page begins
    with: rules or aligned text that no caption took, first on the page, in its columns.
    Its header is dropped where it repeats the table's; else it has none."""
    if last is None or last.grid is None:
        return None
    cand = p.opening()
    if cand is None:
        return None
    root = last.continues or last
    settings = last.settings or p.tables.defaults
    before = last.grid
    if cand.structures and cand.structures[0].boxed(settings):
        grid = read_grid(p.segments, cand.structures[0], settings)
        fits = grid is not None and len(grid.cells[0]) == len(before.cells[0])
    else:
        head = before.cells[: before.header_rows]
        grid = p.read_open(cand, settings, None)
        if grid is None or not same_header(head, grid.cells[: grid.header_rows]):
            columns = tuple(zip(before.col_bounds, before.col_bounds[1:], strict=False))
            if not _within(cand, columns, p.page.continuation_slack):
                return None
            grid = p.read_open(cand, settings, None, Evidence(columns=columns, no_header=True))
        fits = grid is not None and len(grid.cells[0]) == len(before.cells[0])
    if not fits:
        return None
    p.claimed |= cand.ids()
    return FoundTable(root.caption, grid, None, p.layout.number, settings=settings, continues=root)


def _within(cand: Candidate, columns, slack: float) -> bool:
    """Whether every segment of a candidate's text stands in one of ``columns`` (x0, x1)."""
    segs = cand.block.segments if cand.block else []
    return bool(segs) and all(
        any(a - slack * s.size <= s.x0 and s.x1 <= b + slack * s.size for a, b in columns)
        for s in segs
    )


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
    if ft.caption is not None and ft.continues is None:
        for m in ft.caption.markers:
            table_notes.append(
                TableNote(None, None, m, _note_text(m, ft.page, footnotes, by_marker, notes))
            )
    if ft.grid is None and ft.image is not None:
        box = ft.image
        return Table(
            table_id=tid,
            caption=caption,
            pages=[ft.page],
            method=TableMethod.IMAGE,
            status=TableStatus.IMAGE_ONLY,
            bbox=[box.x0, box.top, box.x1, box.bottom],
        )
    if ft.grid is None:
        cap = ft.caption
        return Table(
            table_id=tid,
            caption=caption,
            pages=[ft.page],
            method=ft.method,
            status=TableStatus.FAILED,
            bbox=[cap.x0, cap.top, cap.x1, cap.bottom] if cap is not None else None,
            reason=ft.reason,
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
    if not same_header(first.cells[: first.header_rows], more.cells[: more.header_rows]):
        body = more.cells
    offset = len(first.cells) - (len(more.cells) - len(body))
    first.cells.extend(body)
    first.pages.extend(p for p in more.pages if p not in first.pages)
    first.joined = True
    for n in more.notes:
        if n.row is not None:
            first.notes.append(TableNote(n.row + offset, n.col, n.marker, n.note))
    for b in more.cell_boxes:
        if b.row + offset >= len(first.cells) - len(body):
            first.cell_boxes.append(
                CellBox(b.page, b.row + offset, b.col, b.x0, b.top, b.x1, b.bottom)
            )
