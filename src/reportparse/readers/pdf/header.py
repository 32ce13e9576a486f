"""A table's header lines as header rows: a cell over several columns is a row of its own."""

from __future__ import annotations

import re

from ...specs.settings import TableSettings
from ...text.printed import goes_on
from .cells import CellNote, cell_text, overlap
from .layout import Segment

NUMBER_END = re.compile(r"(?<![\d,.])\d{1,3}$")  # a number's first group: "N=27", "27"
THOUSANDS = re.compile(r"^\d{3}\**$")  # the group after a thousands space: "666", "666**"
COUNT = re.compile(r"^\(?N\s?=")  # the count of a column's population: "N=36 037", "(N = 12)"


def header_rows(
    lines: list[list[Segment]],
    columns: list[list[float]],
    settings: TableSettings,
    leading: float = 0.0,
    edges: list[float] | None = None,
):
    """Header text above a table's body, as one or more header rows. ``edges`` divide the
    line between the columns (``alignment.shares``).

    Read bottom-up: a segment over one column widens that column; a segment
    over several columns is a group header, a row of its own above the column
    headers. Other lines are the wrapped lines of one row of cells, but for a line that
    stands further under the line above than ``leading`` (the white space between the lines
    of a cell) and whose cells all begin anew: it begins a row of its own. A stub header
    over the first column stands in the first row.
    Returns the rows, their notes, the widened columns and the cell boxes.
    """
    cols = [list(c) for c in columns]
    if edges is None:  # each column's share of the line ends where the next one's values begin
        edges = [c[0] for c in columns[1:]]
    placed: list[tuple[int, Segment, int]] = []  # (line index, segment, span start)
    spans: dict[int, tuple[int, int]] = {}
    for li in range(len(lines) - 1, -1, -1):
        for s in sorted(lines[li], key=lambda s: s.x0):
            first, last = _span(s, cols, edges, settings)
            if first == last:
                cols[first][0] = min(cols[first][0], s.x0)
                cols[first][1] = max(cols[first][1], s.x1)
            spans[id(s)] = (first, last)
            placed.append((li, s, first))
    group_lines = {li for li, s, _ in placed if spans[id(s)][0] != spans[id(s)][1]}
    texts: dict[tuple[int, int], str] = {}
    for li, s, c in sorted(placed, key=lambda p: p[1].x0):
        texts[(li, c)] = f"{texts.get((li, c), '')} {s.text}".strip()
    # consecutive lines with a spanning segment form one group row; the other lines form one
    # row of wrapped cells, until a line whose cells all begin anew under text of the row
    row_of_line: dict[int, int] = {}
    row = -1
    prev_group = None
    above: dict[int, str] = {}  # the last text of each column in the current row
    ends: dict[int, float] = {}  # the bottom of the last line with text in each column
    for li in range(len(lines)):
        is_group = li in group_lines
        mine = {c: t for (line, c), t in texts.items() if line == li}
        under = [c for c in mine if c in above]
        size = _size(lines[li])
        # the gap to the text above in its own columns: a stub head set between two header
        # lines (centred over both) stands in other columns
        gap = min(s.top for s in lines[li]) - max(ends[c] for c in under) if under else 0.0
        apart = li > 0 and max(gap, _gap(lines, li)) > min(
            leading + settings.row_gap_margin * size, settings.header_row_gap * size
        )
        apart = apart and not _straddled(lines, li, under, ends)
        anew = apart and bool(under) and not any(_goes_on(above[c], mine[c]) for c in under)
        if is_group != prev_group or (not is_group and anew):
            row += 1
            prev_group = is_group
            above = {}
        above.update(mine)
        ends |= dict.fromkeys(mine, max(s.bottom for s in lines[li]))
        row_of_line[li] = row
    nrows = row + 1 if lines else 0
    stub_rows: dict[int, int] = {}
    grouped: dict[tuple[int, int], list[Segment]] = {}
    for li, s, c in placed:
        grouped.setdefault((row_of_line[li], c), []).append(s)
    cells = [["" for _ in cols] for _ in range(nrows)]
    notes = []
    for (r, c), segs in grouped.items():
        text, markers = cell_text(segs, settings)
        cells[r][c] = text
        notes += [CellNote(r, c, m) for m in markers]
    _widen_groups(cells, grouped, spans)
    # a stub header printed at the bottom of the header block stands in the first row
    for c in range(len(cols)):
        filled = [r for r in range(nrows) if cells[r][c]]
        covered_above = any(
            spans[id(s)][0] < c <= spans[id(s)][1] for segs in grouped.values() for s in segs
        )
        if len(filled) == 1 and filled[0] > 0 and not covered_above:
            r = filled[0]
            cells[0][c], cells[r][c] = cells[r][c], ""
            grouped[(0, c)] = grouped.pop((r, c))
            stub_rows[c] = r
            for n in notes:
                if n.row == r and n.col == c:
                    n.row = 0
    return cells, notes, cols, _header_boxes(lines, row_of_line, grouped, spans, cols, stub_rows)


def _widen_groups(cells: list[list[str]], grouped, spans) -> None:
    """A head set flush left over several columns ends where the next head of its row
    begins: the columns to its right that its row leaves empty, and that hold heads in a row
    below, are under it (a group header whose text is narrower than the columns it spans).
    The stub head, in the first column, spans no columns to its right."""
    for r, row in enumerate(cells[:-1]):
        for c in range(1, len(row)):
            segs = grouped.get((r, c))
            if not row[c] or not segs:
                continue
            last = max(spans[id(s)][1] for s in segs)
            while (
                last + 1 < len(row)
                and not row[last + 1]
                and any(below[last + 1] for below in cells[r + 1 :])
            ):
                last += 1
            for s in segs:
                spans[id(s)] = (c, last)


def same_header(a: list[list[str]], b: list[list[str]]) -> bool:
    """Whether two header blocks print the same heads, column by column (however their lines
    were taken into rows): a header repeated where a table goes on."""

    def heads(rows: list[list[str]]) -> list[str]:
        width = max((len(r) for r in rows), default=0)
        return [" ".join(r[c] for r in rows if c < len(r) and r[c]) for c in range(width)]

    return bool(a) and heads(a) == heads(b)


def _straddled(lines: list[list[Segment]], li: int, under: list[int], ends) -> bool:
    """Whether a head in other columns stands across the white between header line ``li``
    and the text above it (``ends``: the bottom of the last text of each of the ``under``
    columns): a head centred on one row of cells of two lines, so both lines are that row's."""
    if not under:
        return False
    above = max(ends[c] for c in under)
    below = min(s.top for s in lines[li])
    return any(
        s.top < above and s.bottom > below for k, line in enumerate(lines) if k != li for s in line
    )


def _gap(lines: list[list[Segment]], i: int) -> float:
    return min(s.top for s in lines[i]) - max(s.bottom for s in lines[i - 1])


def _size(line: list[Segment]) -> float:
    return max(s.size for s in line)


def _goes_on(upper: str, lower: str) -> bool:
    """A header cell's next line goes on with it (wrapped), adds a unit in brackets or the
    count of the column's population ("2023" over "N=36 037"), or finishes the number it
    ends with, broken at its thousands space ("2023 N=27" over "666")."""
    finishes = bool(THOUSANDS.match(lower.strip()) and NUMBER_END.search(upper.strip()))
    return goes_on(upper, lower) or lower.startswith("(") or bool(COUNT.match(lower)) or finishes


def _span(
    s: Segment, cols: list[list[float]], edges: list[float], settings: TableSettings
) -> tuple[int, int]:
    """The columns a header segment stands over: every column whose text (values, and the
    heads placed so far) it overlaps, where that is more than one (a group header); else the
    column whose share of the line its middle is in."""
    hit = [
        i for i, (a, b) in enumerate(cols) if overlap(s.x0, s.x1, a, b) > settings.header_overlap
    ]
    if len(hit) > 1:
        return hit[0], hit[-1]
    home = sum(1 for e in edges if e < s.cx)
    return home, home


def _header_boxes(lines, row_of_line, grouped, spans, cols, stub_rows: dict[int, int]):
    """Boxes of the header cells: a group header spans its columns, a stub header its rows."""
    extent: dict[int, list[float]] = {}
    for li, line in enumerate(lines):
        top, bottom = min(s.top for s in line), max(s.bottom for s in line)
        e = extent.setdefault(row_of_line[li], [top, bottom])
        e[0], e[1] = min(e[0], top), max(e[1], bottom)
    covered: set[tuple[int, int]] = set()
    boxes = []
    for r in sorted(extent):
        for c in range(len(cols)):
            if (r, c) in covered:
                continue
            c1 = max((spans[id(s)][1] for s in grouped.get((r, c), [])), default=c)
            r1 = stub_rows.get(c, r) if r == 0 else r
            covered |= {(rr, cc) for rr in range(r, r1 + 1) for cc in range(c, c1 + 1)}
            boxes.append((r, c, cols[c][0], extent[r][0], cols[c1][1], extent[r1][1]))
    return boxes
