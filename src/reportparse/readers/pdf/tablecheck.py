"""Whether what was read without a caption is a table: rows that fill two columns or more,
and not a chart's labels, a list or a table of contents.

A caption says that a table is there; without one the engine needs the table itself to
say it. Aligned text makes a table when enough of its rows fill two columns or more and
enough of its cells hold text; a ruled grid's rules vouch for fewer rows. Three kinds of
aligned text are no table, however well they line up: the labels of a chart (drawn lines
that slant or bend among them, or bars), a list (marks, then text) and a table of
contents (labels, then page numbers that only grow).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...specs.settings import PAGE_TABLES, PageTableSettings
from ...text.printed import is_value
from .cells import Grid
from .geometry import connected_groups
from .layout import PageLayout

LIST_MARK = re.compile(r"^([•◦▪■►●○∙·\-–*]|\(?\d{1,2}[.)]|\(?[a-z][.)]|[ivx]+[.)])$", re.I)
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# (share of its shorter side) a box's rounded corner bends within this much of the corner;
# a circle or an ellipse bends all round (its bends reach half its sides)
ROUNDED_CORNER = 0.25
# (chart tolerances, about a text size) a closed shape this small, bending, is a frame's
# rounded corner drawn as a piece of its own, not a chart's line
CORNER_PIECE = 4.0


def looks_like_table(
    grid: Grid, layout: PageLayout, ruled: bool, settings: PageTableSettings = PAGE_TABLES
) -> bool:
    """Whether ``grid`` (read from ``layout`` without a caption) is a table; ``ruled``: read
    between the rules of a grid."""
    cells = grid.cells
    if len(cells) < 2 or max(len(r) for r in cells) < 2:
        return False
    width = max(len(r) for r in cells)
    multi = [r for r in cells if sum(1 for c in r if c) >= 2]
    filled = sum(1 for r in cells for c in r if c)
    if ruled:
        if filled < settings.min_filled * len(cells) * width:
            return False
    elif (
        len(multi) < settings.min_rows
        or len(multi) < settings.min_full_rows * len(cells)
        or filled < settings.min_density * len(cells) * width
    ):
        return False
    return not (is_chart(grid, layout, settings) or is_list(cells) or is_contents(cells, settings))


def may_begin_table(
    grid: Grid, layout: PageLayout, settings: PageTableSettings = PAGE_TABLES
) -> bool:
    """Whether aligned text too short to be a table by itself (``looks_like_table``) may be a
    table's first part, ending a page: a header row and body rows, each filling two columns
    or more. Only its header, repeated over a part on the next page, makes it a table."""
    cells = grid.cells
    return (
        0 < grid.header_rows < len(cells)
        and all(sum(1 for c in r if c) >= 2 for r in cells)
        and not (is_chart(grid, layout, settings) or is_list(cells))
    )


def is_chart(grid: Grid, layout: PageLayout, settings: PageTableSettings) -> bool:
    """Drawn lines that slant or bend among the text (a line chart), or bars: filled boxes
    without text of one thickness standing on one base line, with different lengths."""
    x0, top, x1, bottom = grid.bbox
    size = _size(grid, layout)
    tol = settings.chart_tolerance * size

    def among(m) -> bool:
        return m.x0 < x1 and m.x1 > x0 and m.top < bottom and m.bottom > top

    for m in layout.marks:
        if m.kind in ("curve", "line") and among(m) and _drawn_line(m.pts, tol):
            return True
    bars: dict[tuple, set[int]] = {}
    filled = [m for m in layout.marks if m.kind == "rect" and m.fill is not None and among(m)]
    for m in _without_cell_fills(filled, layout, settings):
        for across, thick, base, length in (
            (True, m.height, m.x0, m.width),
            (False, m.width, m.bottom, m.height),
        ):
            if thick >= settings.bar_thickness * size:
                key = (across, round(thick / tol), round(base / tol))
                bars.setdefault(key, set()).add(round(length / tol))
    return any(len(lengths) >= settings.chart_bars for lengths in bars.values())


def _without_cell_fills(filled: list, layout: PageLayout, settings: PageTableSettings) -> list:
    """The filled boxes that hold no text and are no piece of a fill that does: the boxes of
    one colour that touch make one fill, and a fill with text in it is a cell's background
    (drawn in pieces, its padding apart from the box behind its text), not a chart's bars."""

    centres = [(s.cx, s.cy) for s in layout.segments]

    def holds_text(m) -> bool:
        return any(m.x0 <= cx <= m.x1 and m.top <= cy <= m.bottom for cx, cy in centres)

    text = [holds_text(m) for m in filled]
    by_colour: dict[tuple, list[int]] = {}
    for i, m in enumerate(filled):
        by_colour.setdefault(tuple(m.fill), []).append(i)
    cell = set()
    for members in by_colour.values():
        boxes = [(filled[i].x0, filled[i].top, filled[i].x1, filled[i].bottom) for i in members]
        for group in connected_groups(boxes, settings.fill_piece_touch):
            if any(text[members[k]] for k in group):
                cell.update(members[k] for k in group)
    return [m for i, m in enumerate(filled) if not text[i] and i not in cell]


def _size(grid: Grid, layout: PageLayout) -> float:
    x0, top, x1, bottom = grid.bbox
    sizes = sorted(
        s.size for s in layout.segments if x0 <= s.cx <= x1 and top <= s.cy <= bottom
    ) or sorted(s.size for s in layout.segments)
    return sizes[len(sizes) // 2] if sizes else 0.0  # a grid read from a page has text


def _drawn_line(pts, tol: float) -> bool:
    """A path that is a drawn line (a chart's), not a box or a rule drawn as a path: it has
    a slanted stretch other than the rounded corners of a box (or a closed piece as small
    as a corner), or points inside its bounding box."""
    if len(pts) < 2:
        return False
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    inner = any(x0 + tol < x < x1 - tol and y0 + tol < y < y1 - tol for x, y in pts)
    slants = [(a, b) for a, b in pairwise(pts) if abs(b[0] - a[0]) > tol and abs(b[1] - a[1]) > tol]
    reach = ROUNDED_CORNER * min(x1 - x0, y1 - y0)
    corners = [(x, y) for x in (x0, x1) for y in (y0, y1)]

    def at_corner(a, b) -> bool:  # a short bend from one side to the next at one corner
        short = abs(b[0] - a[0]) <= reach and abs(b[1] - a[1]) <= reach
        return short and any(
            abs(p[0] - cx) <= reach and abs(p[1] - cy) <= reach
            for p in (a, b)
            for cx, cy in corners
        )

    rounded = all(at_corner(a, b) for a, b in slants)  # a box, its corners rounded
    piece = pts[0] == pts[-1] and max(x1 - x0, y1 - y0) <= CORNER_PIECE * tol
    return inner or (bool(slants) and not rounded and not piece)


def is_list(cells: list[list[str]]) -> bool:
    """Two columns: list marks (bullets, numbers, letters), then text."""
    multi = [r for r in cells if sum(1 for c in r if c) >= 2]
    return len(cells[0]) == 2 and all(LIST_MARK.match(r[0]) for r in multi)


def is_contents(cells: list[list[str]], settings: PageTableSettings = PAGE_TABLES) -> bool:
    """Two columns: labels, then page numbers that only grow (as many as a table's rows).
    The labels are words: a column of values beside growing whole numbers is a table."""
    last = [r[-1] for r in cells if r[-1]]
    labels = [r[0] for r in cells if r[0] and r[-1]]
    if (
        len(cells[0]) != 2
        or len(last) < settings.min_rows
        or not all(PAGE_NUMBER.match(v) for v in last)
        or all(is_value(v) for v in labels)
    ):
        return False
    numbers = [int(v) for v in last]
    return numbers == sorted(numbers)
