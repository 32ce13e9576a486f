"""Where a table without column rules stands: runs of printed lines that print values after a
stub, with the lines of their wrapped stubs and the header lines above them."""

from __future__ import annotations

from dataclasses import dataclass

from ...specs.settings import PAGE_TABLES, TABLES, PageTableSettings, TableSettings
from ...text.printed import CAPTION, NOTE_LEAD, goes_on, is_value
from .alignment import text_columns, value_line
from .cells import bottom, printed_lines, size, top
from .geometry import SpansSegments
from .layout import Segment

Line = list[Segment]


@dataclass
class Block(SpansSegments):
    """Printed lines that may hold a table: header candidates, then the body."""

    lines: list[Line]
    body: int  # index of the first line of values

    @property
    def segments(self) -> list[Segment]:
        return [s for line in self.lines for s in line]

    @property
    def top(self) -> float:
        return top(self.lines[0])

    @property
    def bottom(self) -> float:
        return bottom(self.lines[-1])

    def ids(self) -> set[int]:
        return {id(s) for s in self.segments}


def stops(line: Line, captions: set[int]) -> bool:
    """A line no table runs through: a line of a caption (``captions``: its segments), a
    footnote (it starts with its marker) or a note ("* ...")."""
    first = line[0]
    return bool(
        any(id(s) in captions for s in line)
        or CAPTION.match(first.text)
        or first.lead_marker is not None
        or NOTE_LEAD.match(first.text)
    )


def find_blocks(
    segments: list[Segment],
    settings: PageTableSettings = PAGE_TABLES,
    table: TableSettings = TABLES,
    captions: set[int] = frozenset(),
    text_rows: bool = False,
) -> list[Block]:
    """Every run of lines of values among ``segments`` (top to bottom; no line of a caption,
    though a footnote marker raised from it reads as a value), with up to
    ``wrap_lines`` lines without values between two of them, the lines after the last one
    that go on with its stub, and the header lines above the first one. With ``text_rows``
    a line of two cells or more is a row too, values or not (a table of text)."""
    lines = printed_lines(segments, settings.line_core)
    values = [  # a caption's line is no row, whatever number stands in it (its marker)
        not any(id(s) in captions for s in line)
        and (value_line(line) or (text_rows and len(line) > 1 and not stops(line, captions)))
        for line in lines
    ]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not values[i]:
            i += 1
            continue
        start = last = i
        between = 0
        j = i + 1
        gaps: list[float] = []
        while j < len(lines):
            gap = top(lines[j]) - bottom(lines[j - 1])
            if gap > _gap_limit(gaps, size(lines[j - 1]), settings):
                break
            gaps.append(gap)
            if values[j]:
                last, between = j, 0
            elif stops(lines[j], captions) or between >= settings.wrap_lines:
                break
            else:
                between += 1
            j += 1
        end = last
        while end + 1 < j and (
            goes_on(lines[end][0].text, lines[end + 1][0].text)
            or _wrapped(lines[last], lines[end], lines[end + 1], table)
        ):
            end += 1
        first = _header_start(lines, start, end, settings, table, captions)
        blocks.append(Block(lines[first : end + 1], start - first))
        i = end + 1
    return blocks


def _wrapped(row: Line, above: Line, line: Line, table: TableSettings) -> bool:
    """Whether ``line``, right under ``above``, goes on with text cells of the last ``row``
    (a cell wrapped over lines): each of its segments is text that begins where a text
    segment of the row after its first begins, or indented under the row's stub (a hanging
    indent), and it stands as close as a wrapped line."""
    tol = table.cell_tolerance
    starts = [s.x0 for s in row[1:] if not is_value(s.text)]
    stub = row[0]

    def under(s: Segment) -> bool:
        hanging = stub.x0 + tol < s.x0 < stub.x1 and not is_value(stub.text)
        return hanging or any(abs(s.x0 - x) <= tol for x in starts)

    return top(line) - bottom(above) <= table.wrap_gap * size(line) and all(
        not is_value(s.text) and under(s) for s in line
    )


def _gap_limit(gaps: list[float], line_size: float, settings: PageTableSettings) -> float:
    """The widest white gap a table goes on over: ``block_gap`` sizes, or more in a table
    whose own lines stand further apart (``block_gap_rows`` of its usual gap) or that has
    gone over wider gaps between its groups (``block_gap_groups`` of the widest)."""
    limit = settings.block_gap * line_size
    if len(gaps) < 2:  # a usual gap needs two
        return limit
    usual = sorted(gaps)[len(gaps) // 2]
    return max(limit, settings.block_gap_rows * usual, settings.block_gap_groups * max(gaps))


def _header_start(
    lines: list[Line],
    start: int,
    end: int,
    settings: PageTableSettings,
    table: TableSettings,
    captions: set[int],
) -> int:
    """The first header line above the body ``lines[start:end+1]``: lines close above it,
    beginning within its width (and a little beyond), that are no caption, footnote or note,
    and print no text across its stub and values (a line of running text)."""
    body = [s for line in lines[start : end + 1] for s in line]
    reach = settings.header_reach * size(lines[start])
    x0, x1 = min(s.x0 for s in body) - reach, max(s.x1 for s in body) + reach
    columns = text_columns(lines[start : end + 1], table)
    if not columns:  # no column to tell a header by (glyphs without widths): no header
        return start
    stub_end, values_start = columns[0][1], columns[1][0] if len(columns) > 1 else columns[0][1]
    first = start
    while first > 0 and start - first < settings.header_lines:
        line = lines[first - 1]
        if top(lines[first]) - bottom(line) > settings.header_gap * size(line):
            break
        if stops(line, captions):
            break
        if min(s.x0 for s in line) < x0 or max(s.x0 for s in line) > x1:
            return _after_text(lines, first, start)  # a head may end past the values
        if any(s.x0 < stub_end and s.x1 > values_start for s in line):
            return _after_text(lines, first, start)
        first -= 1
    return first


def _after_text(lines: list[Line], first: int, start: int) -> int:
    """The first header line under a line of running text (``lines[first - 1]``, wider than
    the table or across its stub and values): the lines that go on with that text (its
    paragraph's short last line, in lower case) are the paragraph's, not the header's."""
    while first < start and goes_on(lines[first - 1][0].text, lines[first][0].text):
        first += 1
    return first
