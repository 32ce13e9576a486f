"""What a page shows of its tables, beside what was read from it: no silent zero, and figures
on each table read.

A page that prints a table the engine could not read must not pass as a page without one.
Three things on a page are evidence of a table, whatever the template:

* a ruled grid: rules that cross into two rows and two columns or more, with text in them;
* a block of filled cell rectangles (a table drawn with shaded cells and no rules);
* several lines of aligned numeric columns: lines that print two values or more apart, with
  the values' right edges at the same places from line to line.

Evidence that no table read (or chart) covers becomes a ``failed`` record with a reason
("ruled grid of 11×7 cells not read", "aligned columns over 12 lines not read").

Each table read is measured as camelot's ``parsing_report`` measures: the share of its cells
that hold text, the share of its text that falls inside one cell (where cell edges, from rules
or from alignment, and the text agree) and the share of the page's text inside the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Table, TableKind, TableMethod, TableStatus
from ...specs.settings import EVIDENCE, PAGE_TABLES, TABLES, EvidenceSettings
from ...text.printed import YEAR_CELL, is_value
from .cells import Grid, cluster, overlap, printed_lines
from .geometry import BBox, connected_groups, union
from .layout import PageLayout, Segment
from .rulings import Structure, cell_fills, find_structures
from .tablecheck import is_chart

SHARE_DIGITS = 3  # the figures are shares given to three places


@dataclass(frozen=True)
class TableFigures:
    """A table's figures beside its status: shares from 0 to 1, None where not measurable."""

    filled_share: float | None  # of its cells, those that hold text
    text_in_cells: float | None  # of its text (characters), that inside one cell's box
    page_text_share: float | None  # of its first page's text (characters), that in the table


@dataclass(frozen=True)
class Unread:
    """Evidence of a table that no table read covers."""

    page: int
    bbox: BBox
    method: TableMethod
    reason: str


def measure(table: Table, layouts: list[PageLayout], settings: EvidenceSettings = EVIDENCE):
    """The figures of a table read from ``layouts`` (its first page's text)."""
    if not table.cells:
        return TableFigures(None, None, None)
    width = max(len(r) for r in table.cells)
    filled = sum(1 for r in table.cells for c in r if c.strip())
    filled_share = filled / (len(table.cells) * width)
    layout = next((lo for lo in layouts if table.pages and lo.number == table.pages[0]), None)
    if layout is None or table.bbox is None:
        return TableFigures(round(filled_share, SHARE_DIGITS), None, None)
    inside = [s for s in layout.segments if _within(s, tuple(table.bbox), settings.cell_slack)]
    total = sum(len(s.text) for s in layout.segments)
    text = sum(len(s.text) for s in inside)
    page_share = text / total if total else None
    boxes = [(b.x0, b.top, b.x1, b.bottom) for b in table.cell_boxes if b.page == layout.number]
    in_cells = None
    if boxes and text:
        one_cell = sum(
            len(s.text)
            for s in inside
            if any(_within(s, box, settings.cell_slack) for box in boxes)
        )
        in_cells = one_cell / text
    return TableFigures(round(filled_share, SHARE_DIGITS), _round(in_cells), _round(page_share))


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, SHARE_DIGITS)


def unread_tables(
    layouts: list[PageLayout], read: list[Table], settings: EvidenceSettings = EVIDENCE
) -> list[Unread]:
    """Evidence of a table on each page that none of ``read`` (tables and charts) covers."""
    out: list[Unread] = []
    for layout in layouts:
        regions = _read_regions(layout.number, read)
        for found in _evidence(layout, regions, settings):
            if not any(_covers(r, found.bbox, settings.covered) for r in regions):
                out.append(found)
                regions.append(found.bbox)
    return out


def not_read(
    unread: list[Unread], read: list[Table], settings: EvidenceSettings = EVIDENCE
) -> list[Unread]:
    """``unread`` less what a table of ``read`` covers (evidence seen in another view of
    the page, as a page's turned view sees an upright grid whose heads are set sideways)."""
    return [
        u
        for u in unread
        if not any(_covers(r, u.bbox, settings.covered) for r in _read_regions(u.page, read))
    ]


def failed_records(unread: list[Unread], read: list[Table]) -> list[Table]:
    """``failed`` table records for ``unread``, numbered after the page's tables without a
    caption (``utabell-pP-K``)."""
    per_page: dict[int, int] = {}
    for t in read:
        if t.kind == TableKind.TABLE and t.table_id.startswith("utabell-") and t.pages:
            per_page[t.pages[0]] = per_page.get(t.pages[0], 0) + 1
    out = []
    for u in unread:
        per_page[u.page] = per_page.get(u.page, 0) + 1
        out.append(
            Table(
                table_id=f"utabell-p{u.page}-{per_page[u.page]}",
                caption=None,
                pages=[u.page],
                method=u.method,
                status=TableStatus.FAILED,
                bbox=[round(v, 1) for v in u.bbox],
                reason=u.reason,
            )
        )
    return out


def in_page_order(tables: list[Table], failed: list[Table]) -> list[Table]:
    """``tables`` (in reading order) with each of ``failed`` before the first table of its
    page that stands lower, or after its page's tables."""

    def place(t: Table) -> tuple[int, float]:
        return (t.pages[0] if t.pages else 0, t.bbox[1] if t.bbox else 0.0)

    out = list(tables)
    for f in failed:
        at = next((i for i, t in enumerate(out) if place(t) > place(f)), len(out))
        out.insert(at, f)
    return out


def _read_regions(page: int, read: list[Table]) -> list[BBox]:
    regions: list[BBox] = []
    for t in read:
        boxes = [b for b in t.cell_boxes if b.page == page]
        if boxes:
            regions.append(
                (
                    min(b.x0 for b in boxes),
                    min(b.top for b in boxes),
                    max(b.x1 for b in boxes),
                    max(b.bottom for b in boxes),
                )
            )
        elif t.bbox is not None and t.pages and t.pages[0] == page:
            regions.append(tuple(t.bbox))
    return regions


def _evidence(layout: PageLayout, regions: list[BBox], settings: EvidenceSettings) -> list[Unread]:
    """Filled blocks, ruled grids and runs of aligned values (of the text no region read
    holds), each once."""
    found = _filled_blocks(layout, settings)
    found += [g for g in _ruled_grids(layout, settings) if not _claimed(g, found, settings)]
    free = [
        s
        for s in layout.segments
        if s.upright and not any(_within(s, r, settings.cell_slack) for r in regions)
    ]
    aligned = _aligned_values(layout.number, free, settings)
    found += [a for a in aligned if not _claimed(a, found, settings)]
    return [f for f in found if not _chart(f.bbox, layout)]


def _claimed(u: Unread, found: list[Unread], settings: EvidenceSettings) -> bool:
    return any(
        _covers(f.bbox, u.bbox, settings.covered) or _covers(u.bbox, f.bbox, settings.covered)
        for f in found
    )


def _chart(bbox: BBox, layout: PageLayout) -> bool:
    return is_chart(Grid([], 0, TableMethod.WHITESPACE, bbox), layout, PAGE_TABLES)


def _filled_blocks(layout: PageLayout, settings: EvidenceSettings) -> list[Unread]:
    fills = cell_fills(layout, TABLES.rule_tolerance)
    boxes = [(f.x0, f.top, f.x1, f.bottom) for f in fills]
    out = []
    for group in connected_groups(boxes, settings.fill_gap):
        if len(group) < settings.fill_cells:
            continue
        cells = [boxes[i] for i in group]
        bbox = union(cells)
        xs = cluster([c[0] for c in cells], settings.fill_gap)
        tops = cluster([c[1] for c in cells], settings.fill_gap)
        texts = [s for s in layout.segments if _within(s, bbox, settings.cell_slack)]
        if len(xs) < 2 or len(tops) < 2 or len(texts) < settings.grid_segments:
            continue
        reason = f"block of {len(cells)} filled cell rectangles not read"
        out.append(Unread(layout.number, bbox, TableMethod.RULED_GRID, reason))
    return out


def _ruled_grids(layout: PageLayout, settings: EvidenceSettings) -> list[Unread]:
    out = []
    for st in find_structures(layout, TABLES):
        if not st.boxed(TABLES):
            continue
        bbox = (st.x0, st.top, st.x1, st.bottom)
        texts = [s for s in layout.segments if _within(s, bbox, settings.cell_slack)]
        if len(texts) < settings.grid_segments:
            continue
        rows, cols = _grid_size(st)
        if rows < 2 or cols < 2:
            continue
        reason = f"ruled grid of {rows}×{cols} cells not read"
        out.append(Unread(layout.number, bbox, TableMethod.RULED_GRID, reason))
    return out


def _grid_size(st: Structure) -> tuple[int, int]:
    """Rows and columns of a grid: the places rules run across, with its frame's edges."""
    tol = TABLES.rule_tolerance
    xs = cluster([*st.columns(TABLES), st.x0, st.x1], tol)
    ys = cluster([*st.rows(TABLES), st.top, st.bottom], tol)
    return len(ys) - 1, len(xs) - 1


def _aligned_values(page: int, segs: list[Segment], settings: EvidenceSettings) -> list[Unread]:
    """Runs of lines that print values apart, their right edges aligned line to line."""
    lines = printed_lines(segs, TABLES.row_core)
    runs: list[list[list[Segment]]] = []
    for line in lines:
        values = [s for s in line if is_value(s.text) and not YEAR_CELL.match(s.text)]
        if len(values) < settings.line_values:
            runs.append([])
            continue
        run = runs[-1] if runs and runs[-1] else None
        if run is not None:
            last = run[-1]
            size = max(s.size for s in values)
            gap = min(s.top for s in values) - max(s.bottom for s in last)
            if gap > settings.line_gap * size or not _aligned(last, values, settings):
                run = None
        if run is None:
            runs.append([values])
        else:
            run.append(values)
    out = []
    for run in runs:
        if len(run) < settings.aligned_lines:
            continue
        bbox = union([(s.x0, s.top, s.x1, s.bottom) for line in run for s in line])
        reason = f"aligned columns over {len(run)} lines not read"
        out.append(Unread(page, bbox, TableMethod.WHITESPACE, reason))
    return out


def _aligned(upper: list[Segment], lower: list[Segment], settings: EvidenceSettings) -> bool:
    """Whether two lines' values share two right edges (or left edges) or more."""
    size = max(s.size for s in upper + lower)
    tol = settings.align_tolerance * size
    for edge in ("x1", "x0"):
        shared = sum(
            1 for a in upper if any(abs(getattr(a, edge) - getattr(b, edge)) <= tol for b in lower)
        )
        if shared >= settings.line_values:
            return True
    return False


def _within(s: Segment, box: BBox, slack: float) -> bool:
    """Whether a segment stands inside ``box``: its whole width, and the middle of its height
    (a glyph's box reaches above and below its letters by as much as the font's ascent and
    descent, which producers and parsers measure differently)."""
    x0, top, x1, bottom = box
    inside_x = s.x0 >= x0 - slack and s.x1 <= x1 + slack
    return inside_x and top - slack <= (s.top + s.bottom) / 2 <= bottom + slack


def _covers(region: BBox, box: BBox, share: float) -> bool:
    """Whether ``region`` covers ``share`` of ``box``'s area (of its length, for a line)."""
    rx0, rtop, rx1, rbottom = region
    x0, top, x1, bottom = box
    w, h = overlap(rx0, rx1, x0, x1), overlap(rtop, rbottom, top, bottom)
    bw, bh = x1 - x0, bottom - top
    if bw <= 0 or bh <= 0:
        return (w > 0 or bw <= 0) and (h > 0 or bh <= 0)
    return w * h >= share * bw * bh
