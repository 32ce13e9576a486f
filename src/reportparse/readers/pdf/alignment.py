"""The table engine's core: a region of a page read into cells from the alignment of its text.

Every table without column rules is read here, whatever found it: a caption with no rules
under it, a table with horizontal rules only, a table continued on the next page. The
callers give the region's segments and what else they know (``Evidence``: a rule under the
header, rules between rows, the columns of the part on the page before); the text does
the rest:

* printed lines from baselines (``cells.printed_lines``);
* the body begins at the first line that prints values (numbers or missing-value symbols)
  after its stub; lines above it are the header, except the first lines of a stub whose
  values stand on its last line;
* columns are the stretches of x that the body's lines fill, split where white space runs
  down through them (a river); a segment that crosses a river in a line or two is cut there;
* rows: a line with a stub and values begins a row; a line with a stub only joins the row
  above where its text goes on from it, the row below where the row below goes on from it,
  or stands alone (a stub without values); a line with values and no stub takes the stub
  lines around it (values set in the middle of a wrapped stub);
* the header lines become header rows: a header cell over several columns is a row of its
  own above the column heads (``header.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ...model import TableMethod
from ...specs.settings import LAYOUT, TABLES, TableSettings
from ...text.printed import YEAR_CELL, goes_on, is_value
from .cells import (
    CellNote,
    Grid,
    bottom,
    cell_text,
    column_of,
    overlap,
    printed_lines,
    top,
    word_spans,
)
from .header import NUMBER_END, THOUSANDS, header_rows
from .layout import Segment, make_segment

Line = list[Segment]
Cells = dict[int, list[Segment]]
CENTRED = 1.0  # (sizes) a heading centred on a table stands this close to its middle


@dataclass(frozen=True)
class Evidence:
    """What a caller knows of a region besides its text."""

    header_end: float | None = None  # lines above this y are the header (a rule under it)
    row_rules: tuple[float, ...] = ()  # rules between body rows: no row crosses one
    columns: tuple[tuple[float, float], ...] | None = None  # the columns, where already known
    column_rules: tuple[float, ...] = ()  # x of rules between columns: no column crosses one
    no_header: bool = False  # every line is body (a table continued without its header)


NO_EVIDENCE = Evidence()


DASH = re.compile(r"[-–—]")  # the dash of a range printed apart: "1.35 - 1.42"
# two values and a dash between: "1.35 - 1.42", "1.35–1.42"; not a bare hyphen ("1-1639" is
# a code as often as a range)
RANGE = re.compile(r"^(\S+)(?:\s+[-–]\s+|\s*–\s*)(\S+)$")


def value_line(line: Line) -> bool:
    """A line that prints values after its first segment (numbers, missing-value symbols,
    ranges of two numbers), not only years (a header of years, or of periods)."""
    values = [s.text for s in line[1:] if is_value(s.text) or _is_range(s.text)]
    if _bands(values):
        return False
    return bool(values) and not all(YEAR_CELL.match(v) or _years(v) for v in values)


def _is_range(text: str) -> bool:
    m = RANGE.match(text.strip())
    return m is not None and is_value(m.group(1)) and is_value(m.group(2))


def _bands(values: list[str]) -> bool:
    """Whether ranges are the heads of bands of a scale ("19-24", "25-30"): whole numbers,
    each band beginning where the one before it ended or after. Ranges of figures (prices
    "1.35 - 1.42" this week and "1.38 - 1.43" last) overlap, or are not whole."""
    bounds = [RANGE.match(v.strip()) for v in values]
    if len(bounds) < 2 or any(m is None for m in bounds):
        return False
    pairs = [(m.group(1), m.group(2)) for m in bounds]
    if not all(a.isdigit() and b.isdigit() for a, b in pairs):
        return False
    return all(int(a) <= int(b) for a, b in pairs) and all(
        int(b0) <= int(a1) for (_, b0), (a1, _) in pairwise(pairs)
    )


def _years(text: str) -> bool:
    m = RANGE.match(text.strip())
    return m is not None and bool(YEAR_CELL.match(m.group(1)) and YEAR_CELL.match(m.group(2)))


def first_body_line(lines: list[Line]) -> int | None:
    """The index of the first body line: the first line of values, or the first line of the
    stub whose values it prints on the stub's last line."""
    values = [i for i, line in enumerate(lines) if value_line(line)]
    values = [i for i in values if i == 0 or not _number_goes_on(lines[:i], lines[i])]
    k = values[0] if values else None
    if k is None:
        return None
    values_start = lines[k][1].x0
    while k > 0 and len(lines[k - 1]) == 1 and lines[k - 1][0].x1 < values_start:
        if _heading_under_heads(lines[: k - 1], values_start) and _recurs(lines, k - 1):
            return k - 1  # a heading of the body's first rows, under the column heads
        if not goes_on(lines[k - 1][0].text, lines[k][0].text):
            break
        if lines[k - 1][0].bold != lines[k][0].bold:
            break
        k -= 1
    return k


def _heading_under_heads(above: list[Line], values_start: float) -> bool:
    """Whether the lines ``above`` a line of the stub alone (right over the first values)
    end in a line of column heads: heads over two columns of values or more."""
    if not above:
        return False
    return sum(1 for s in above[-1] if s.x0 >= values_start) >= 2


def _recurs(lines: list[Line], i: int) -> bool:
    """Whether the stub line ``i`` over the first values is one of the body's headings: a
    line of the stub alone, in its style, stands over values further down too (a stub head
    under the column heads has no such fellow)."""
    line = lines[i]
    return any(
        len(other) == 1
        and other[0].bold == line[0].bold
        and other[0].x0 == line[0].x0
        and value_line(below)
        for other, below in pairwise(lines[i + 2 :])
    )


def _number_goes_on(above: list[Line], lower: Line) -> bool:
    """Whether ``lower`` finishes the numbers that the lines ``above`` it end with, broken at
    their thousands space by a narrow column ("2023 N=27" over "666"): each of its segments
    is a group of three digits under a segment (of the nearest line above with text over it:
    a stub head centred between the two lines stands in another column) that ends in the
    group before it. Such a line is the header's, not the body's first line."""

    def over(s: Segment) -> list[Segment]:
        for line in reversed(above):
            hit = [u for u in line if overlap(u.x0, u.x1, s.x0, s.x1) > 0]
            if hit:
                return hit
        return []

    return bool(lower) and all(
        THOUSANDS.match(s.text.strip())
        and len(over(s)) == 1
        and NUMBER_END.search(over(s)[0].text.strip())
        for s in lower
    )


def read_region(
    segments: list[Segment],
    settings: TableSettings = TABLES,
    evidence: Evidence = NO_EVIDENCE,
    method: TableMethod = TableMethod.WHITESPACE,
) -> Grid | None:
    """The cells of the table printed by ``segments``; None where they print no table (no
    body line, fewer than two columns)."""
    lines = printed_lines(segments, settings.row_core)
    if not lines:
        return None
    split = _split(lines, evidence)
    if split is None:
        return None
    head, body = lines[:split], lines[split:]
    if not body:
        return None
    columns = [list(c) for c in evidence.columns] if evidence.columns else None
    if columns is None:
        columns = text_columns(body, settings, evidence.column_rules)
    if len(columns) < 2:
        return None
    while len(head) > 1 and _body_heading(head, columns, settings):
        body.insert(0, head.pop())  # a heading of the first rows, under the column heads
        split -= 1
    if not evidence.columns:
        columns = _sparse_columns(body, head, columns, settings)
    placed = [_place(line, columns, settings) for line in body]
    head = [[part for s in line for part in _cut(s, columns, settings)] for line in head]
    gaps = [top(b) - bottom(a) for a, b in pairwise(lines)]
    edges = shares(columns, placed, settings, [s for line in head for s in line])
    head_cells, notes, columns, boxes = header_rows(
        head, columns, settings, min(gaps, default=0.0), edges
    )
    cells: list[list[str]] = [list(r) for r in head_cells]
    rows = body_rows(body, placed, evidence.row_rules, settings)
    for lines_of_row, row in rows:
        r = len(cells)
        row_top = min(top(line) for line in lines_of_row)
        row_bottom = max(bottom(line) for line in lines_of_row)
        boxes += [(r, c, a, row_top, b, row_bottom) for c, (a, b) in enumerate(columns)]
        texts = ["" for _ in columns]
        for c, segs in row.items():
            texts[c], markers = cell_text(segs, settings)
            notes += [CellNote(r, c, m) for m in markers]
        cells.append(texts)
    x0 = min(min(s.x0 for s in line) for line in lines)
    x1 = max(max(s.x1 for s in line) for line in lines)
    return Grid(
        cells=cells,
        header_rows=len(head_cells),
        method=method,
        bbox=(min(x0, columns[0][0]), top(lines[0]), max(x1, columns[-1][1]), bottom(lines[-1])),
        notes=notes,
        row_bounds=[top(lines[split]), *(bottom(rows[i][0][-1]) for i in range(len(rows)))],
        col_bounds=[c[0] for c in columns] + [columns[-1][1]],
        cell_boxes=boxes,
    )


def _split(lines: list[Line], evidence: Evidence) -> int | None:
    """Where the body begins: under the header rule where there is one, else at the first
    body line."""
    if evidence.no_header:
        return 0
    if evidence.header_end is not None:
        return sum(1 for line in lines if (top(line) + bottom(line)) / 2 < evidence.header_end)
    return first_body_line(lines)


# ---------------------------------------------------------------- columns


def text_columns(
    body: list[Line], settings: TableSettings, rules: tuple[float, ...] = ()
) -> list[list[float]]:
    """Column spans: the stretches of x that the body's lines of several segments fill (lines
    of values first), split where white space at least ``column_gap`` wide runs down through
    all but ``river_crossing`` of them; then split again where white space between the words
    of segments runs down through them as widely as a column gap (``river_min``, and
    ``river_spaces`` times the width of their space glyphs): values printed closer than the
    engine's segment gap, or after a space. ``rules``: x of column rules, where the spans
    are cut too."""
    multi = [line for line in body if len(line) > 1]
    lines = [line for line in multi if value_line(line)] or multi or body
    allowed = int(settings.river_crossing * len(lines))
    spans = _rivers([[(s.x0, s.x1) for s in line] for line in lines], allowed, settings.column_gap)
    words = [[w for s in line for w in word_spans(s)] for line in lines]
    sizes = sorted(s.size for line in lines for s in line)
    spaces = sorted(g.x1 - g.x0 for line in lines for s in line for g in s.glyphs if g.text == " ")
    space = spaces[len(spaces) // 2] if spaces else 0.0
    wide = max(settings.river_min * sizes[len(sizes) // 2], settings.river_spaces * space)
    narrow = max(settings.column_gap, settings.river_spaces * space)
    texts = [[w for s in line for w in _words(s)] for line in lines]
    out: list[list[float]] = []
    for a, b in spans:
        inside = [[w for w in line if a <= w[0] and w[1] <= b] for line in words]
        parts = _rivers([line for line in inside if line], allowed, wide)
        if len(parts) < 2:
            within = [[w for w in line if a <= w[0] and w[1] <= b] for line in texts]
            parts = _flush_right(within, allowed, narrow, settings.cell_tolerance)
        out += parts if len(parts) > 1 else [[a, b]]
    return _apart(out, rules)


def _words(s: Segment) -> list[tuple[float, float, str]]:
    """A segment's words: their x spans (``word_spans``) and text."""
    return [
        (x0, x1, "".join(g.text for g in s.glyphs if x0 <= g.x0 and g.x1 <= x1 and not g.sup))
        for x0, x1 in word_spans(s)
    ]


def _flush_right(
    lines: list[list[tuple[float, float, str]]], allowed: int, gap: float, tol: float
) -> list[list[float]]:
    """A column's words parted where white space as wide as a word gap (``gap``) runs down
    through them and the words left of it, all values, end at one x: two columns of numbers
    set flush right, closer than a column gap ("3 -66.7"). Not where every word right of it
    is one and the same word that is no value (a sign set apart after each figure, "65 %"),
    nor where every word right of it is a group of three digits (the thousands of "1 204"
    end in one x too), nor in text (labels that begin with the same word end it at one x
    too), nor before the dash of ranges ("1.35 - 1.42": their first figures end at one x too)."""
    lines = [line for line in lines if line]
    parts = _rivers([[(w[0], w[1]) for w in line] for line in lines], allowed, gap)
    if len(parts) < 2:
        return parts
    kept = [parts[0]]
    for part in parts[1:]:
        cut = (kept[-1][1] + part[0]) / 2
        left = [max((w for w in line if w[1] <= cut), key=lambda w: w[1], default=None)
                for line in lines]  # fmt: skip
        right = [min((w for w in line if w[0] >= cut), key=lambda w: w[0], default=None)
                 for line in lines]  # fmt: skip
        pairs = [(u, v) for u, v in zip(left, right, strict=True) if u and v]
        ends = [u[1] for u, _ in pairs]
        flush = len(pairs) >= 2 and max(ends) - min(ends) <= tol
        flush = flush and all(is_value(u[2]) for u, _ in pairs)  # a text's first words no
        signs = {v[2] for _, v in pairs}  # one word after every figure: its unit ("65 %")
        flush = flush and not (len(signs) == 1 and not is_value(next(iter(signs))))
        dashes = any(DASH.fullmatch(w[2]) for pair in pairs for w in pair)
        flush = flush and not dashes  # the figures of ranges ("1 - 2") no
        if flush and not all(THOUSANDS.match(v[2]) for _, v in pairs):
            kept.append(part)
        else:
            kept[-1] = [kept[-1][0], part[1]]
    return kept


def _sparse_columns(
    body: list[Line], head: list[Line], columns: list[list[float]], settings: TableSettings
) -> list[list[float]]:
    """The columns, with those that too few body lines fill to be found from the body alone
    (a column of flags printed on two rows of twenty): body text that stands in no column,
    a column gap clear of the columns beside it, under a head of its own (a header segment
    over that text and over no other column)."""
    gap = settings.column_gap
    stray = [
        (s.x0, s.x1)
        for line in body
        for s in line
        if not any(s.x0 < b + gap and s.x1 > a - gap for a, b in columns)
    ]
    heads = [s for line in head for s in line]
    added = []
    for a, b in _rivers([[span] for span in stray], 0, gap):
        mine = [h for h in heads if overlap(h.x0, h.x1, a, b) > 0]
        if len(mine) != 1 or any(overlap(mine[0].x0, mine[0].x1, c, d) > 0 for c, d in columns):
            continue
        added.append([a, b])
    return sorted(columns + added) if added else columns


def _apart(spans: list[list[float]], rules: tuple[float, ...]) -> list[list[float]]:
    """Column spans cut at the rules between columns."""
    out = []
    for a, b in spans:
        cuts = [x for x in rules if a < x < b]
        edges = [a, *cuts, b]
        out += [[x0, x1] for x0, x1 in pairwise(edges)]
    return out


def _rivers(lines: list[list[tuple[float, float]]], allowed: int, gap: float) -> list[list[float]]:
    """The stretches of x that the lines' spans fill, apart where white space at least
    ``gap`` wide runs down through all but ``allowed`` of the lines."""
    events: list[tuple[float, int]] = []
    for line in lines:
        for x0, x1 in line:
            events += [(x0, 1), (x1, -1)]
    events.sort()
    spans: list[list[float]] = []
    depth = 0
    start = 0.0
    for x, step in events:
        was = depth > allowed
        depth += step
        if not was and depth > allowed:
            start = x
        elif was and depth <= allowed:
            if spans and start - spans[-1][1] < gap:
                spans[-1][1] = x
            else:
                spans.append([start, x])
    return spans


def shares(
    columns: list[list[float]],
    placed: list[Cells],
    settings: TableSettings,
    heads: list[Segment] = (),
) -> list[float]:
    """Where the share of the line of each column ends and the next one's begins, for its
    header: at the left edge of the next column's values where they are set flush left (a
    head stands flush left over them), else at the right edge of this column's values (a
    head set flush left starts right after the values before it; one set flush right or
    centred ends over its own). A column whose values show no alignment of their own (all
    of one width) takes the one of a head wider than its values that shares one of their
    edges (``heads``: the header's segments); else it follows the others; numbers are set
    flush right where no column shows one."""
    aligned: list[str | None] = []
    for c in range(len(columns)):
        segs = [s for cells in placed for s in cells.get(c, [])]
        x0 = max((s.x0 for s in segs), default=0.0) - min((s.x0 for s in segs), default=0.0)
        x1 = max((s.x1 for s in segs), default=0.0) - min((s.x1 for s in segs), default=0.0)
        tol = settings.column_gap
        side = "right" if x1 + tol < x0 else "left" if x0 + tol < x1 else None
        aligned.append(side or _head_side(columns[c], heads, settings.cell_tolerance))
    known = [a for a in aligned[1:] if a is not None]
    usual = max(("right", "left"), key=known.count) if known else "right"
    out = []
    for c in range(1, len(columns)):
        flush_left = (aligned[c] or usual) == "left"
        out.append(columns[c][0] - settings.cell_tolerance if flush_left else columns[c - 1][1])
    return out


def _head_side(column: list[float], heads: list[Segment], tol: float) -> str | None:
    """How a column's heads say its values are set: flush left where a head wider than them
    begins at their left edge, flush right where one ends at their right edge."""
    a, b = column
    wide = [s for s in heads if s.x0 < b and s.x1 > a and s.x1 - s.x0 > b - a + tol]
    if any(abs(s.x0 - a) <= tol for s in wide):
        return "left"
    if any(abs(s.x1 - b) <= tol for s in wide):
        return "right"
    return None


def _place(line: Line, columns: list[list[float]], settings: TableSettings) -> Cells:
    """A body line's segments by column; a segment across the white space between two columns
    is cut at the widest gap between its glyphs there."""
    cells: Cells = {}
    for seg in line:
        for part in _cut(seg, columns, settings):
            cells.setdefault(column_of(part, columns), []).append(part)
    return cells


def _body_heading(head: list[Line], columns: list[list[float]], settings: TableSettings) -> bool:
    """Whether the header's last line is a heading of the body's first rows: one segment
    out of every column, centred on the table (``_heading_across``), under a line of heads
    over several columns (a group head stands over the column heads, not under them)."""
    last, above = head[-1], head[-2]
    return len(last) == 1 and len(above) > 1 and _heading_across(last[0], columns, settings)


def _heading_across(s: Segment, columns: list[list[float]], settings: TableSettings) -> bool:
    """Whether a segment of text stands out of every column (over the white beside a column,
    or over two) and is centred on the table, to ``CENTRED`` of its size."""
    tol = settings.cell_tolerance
    within = any(a - tol <= s.x0 and s.x1 <= b + tol for a, b in columns)
    middle = (columns[0][0] + columns[-1][1]) / 2
    centred = abs(s.cx - middle) <= CENTRED * s.size
    return centred and not within and not is_value(s.text) and len(columns) > 2


def _cut(seg: Segment, columns: list[list[float]], settings: TableSettings) -> list[Segment]:
    glyphs = seg.glyphs
    ink = [i for i, g in enumerate(glyphs) if not g.text.isspace()]
    slack = settings.cut_slack * seg.size
    tol = settings.cell_tolerance
    for (_, a1), (b0, b1) in pairwise(columns):
        if not (seg.x0 < a1 and seg.x1 > b0):
            continue
        between = [
            (glyphs[j].x0 - glyphs[i].x1, i, j)
            for i, j in pairwise(ink)
            if a1 - slack <= (glyphs[i].x1 + glyphs[j].x0) / 2 <= b0 + slack
        ]
        cuts = [(gap, j) for gap, _, j in between if gap >= settings.cut_gap * seg.size]
        if not cuts:  # white space with no space glyph (two texts drawn apart, not the
            cuts = [  # words of one phrase), each side within its column, the right one
                (gap, j)  # ending at its column's edge: two heads (or values) set flush
                for gap, i, j in between  # right, closer than a wide gap ("2016 % Chg")
                if gap > LAYOUT.word_gap * seg.size
                and j == i + 1
                and max(g.x1 for g in glyphs[:j] if not g.text.isspace()) <= a1 + tol
                and abs(seg.x1 - b1) <= tol
            ]
        if not cuts:  # two values a word space apart, across two columns ("297 -7.74")
            cuts = [
                (gap, j)
                for gap, i, j in between
                if gap > LAYOUT.word_gap * seg.size and _values_apart(glyphs, i, j, a1, b0, tol)
            ]
        if cuts:
            _, at = max(cuts)
            return [make_segment(glyphs[:at]), *_cut(make_segment(glyphs[at:]), columns, settings)]
    return [seg]


def _values_apart(glyphs, i: int, j: int, a1: float, b0: float, tol: float) -> bool:
    """Whether the glyphs up to ``i`` and from ``j`` are two values of one word each, parted
    in the white between two columns (from ``a1`` to ``b0``, to ``tol``): not the thousands
    of one figure ("1 204")."""
    left, right = make_segment(glyphs[: i + 1]).text.strip(), make_segment(glyphs[j:]).text.strip()
    mid = (glyphs[i].x1 + glyphs[j].x0) / 2
    return (
        is_value(left)
        and is_value(right)
        and not THOUSANDS.match(right)
        and " " not in left + right  # one word each side
        and a1 - tol <= mid <= b0 + tol
    )


# ---------------------------------------------------------------- rows


def _band(line: Line, rules: tuple[float, ...]) -> int:
    mid = (top(line) + bottom(line)) / 2
    return sum(1 for y in rules if y < mid)


def _stub_text(cells: Cells) -> str:
    return " ".join(s.text for s in cells.get(0, []))


def body_rows(
    lines: list[Line], placed: list[Cells], rules: tuple[float, ...], settings: TableSettings
) -> list[tuple[list[Line], Cells]]:
    """The body's rows: each with its lines, and its segments by column."""
    n = len(lines)
    band = [_band(line, rules) for line in lines]
    stub_only = [list(c) == [0] for c in placed]
    has_values = [any(c > 0 for c in cells) for cells in placed]
    centre = [(top(line) + bottom(line)) / 2 for line in lines]
    owner = list(range(n))
    # values set in the middle of a wrapped stub: the stub lines around them
    for i in range(n):
        if not has_values[i] or 0 in placed[i]:
            continue
        for step in (-1, 1):
            k = i + step
            while 0 <= k < n and band[k] == band[i] and stub_only[k] and owner[k] == k:
                other = k + step
                while 0 <= other < n and stub_only[other]:
                    other += step
                nearer = 0 <= other < n and band[other] == band[k] and 0 in placed[other]
                if nearer and abs(centre[other] - centre[k]) < abs(centre[i] - centre[k]):
                    break
                owner[k] = i
                k += step
    rows: list[tuple[list[Line], Cells]] = []
    row_of: dict[int, int] = {}
    lead: list[int] = []  # stub lines that begin the next row
    for i in range(n):
        if owner[i] != i:
            continue
        above = row_of.get(i - 1) if i > 0 and band[i - 1] == band[i] else None
        if stub_only[i]:
            below = (
                i + 1 if i + 1 < n and band[i + 1] == band[i] and owner[i + 1] == i + 1 else None
            )
            if above is not None and _continues(rows[above][1], placed[i], lines, i, settings):
                _join(rows[above], lines[i], placed[i])
                row_of[i] = above
                continue
            if below is not None and 0 in placed[below] and _leads(placed[i], placed[below]):
                lead.append(i)
                continue
        elif 0 not in placed[i] and _tops(placed, lines, band, i, settings):
            lead.append(i)  # the first lines of cells set at the foot of their row
            continue
        elif (
            0 not in placed[i]
            and above is not None
            and not lead
            and _wraps(rows[above][1], placed[i], lines, i, settings)
        ):
            _join(rows[above], lines[i], placed[i])
            row_of[i] = above
            continue
        row: tuple[list[Line], Cells] = ([], {})
        for k in [*lead, i]:
            _join(row, lines[k], placed[k])
            row_of[k] = len(rows)
        lead = []
        rows.append(row)
    for k in lead:  # stub lines at the end that lead nowhere: rows of their own
        row_of[k] = len(rows)
        rows.append(([lines[k]], {c: list(s) for c, s in placed[k].items()}))
    for k in range(n):
        if owner[k] != k:
            target = rows[row_of[owner[k]]]
            _join(target, lines[k], placed[k], before=k < owner[k])
    return rows


def _join(row: tuple[list[Line], Cells], line: Line, cells: Cells, before: bool = False) -> None:
    lines, by_col = row
    if before:
        lines.insert(0, line)
    else:
        lines.append(line)
    for c, segs in cells.items():
        by_col[c] = [*segs, *by_col.get(c, [])] if before else [*by_col.get(c, []), *segs]


def _gap(lines: list[Line], i: int, j: int) -> float:
    """The white space between lines i and j (i above j)."""
    return top(lines[j]) - bottom(lines[i])


def _continues(row: Cells, cells: Cells, lines: list[Line], i: int, settings) -> bool:
    """Whether a stub line goes on with the stub of the row above: its text goes on from the
    row's, or it is set with a hanging indent under it, as close as a wrapped line (and the
    next line is back at the stub's edge: a subheading over indented rows is no such line), or it
    stands clearly closer to the line above than to the line below."""
    if goes_on(_stub_text(row), _stub_text(cells)):
        return True
    if _hangs(row, cells, lines, i, settings):
        return True
    if i + 1 >= len(lines):
        return False
    size = lines[i][0].size
    return _gap(lines, i - 1, i) + settings.row_gap_margin * size < _gap(lines, i, i + 1)


def _hangs(row: Cells, cells: Cells, lines: list[Line], i: int, settings) -> bool:
    """Whether stub line ``i`` is indented under the stub of the row above, within it, as
    close as a wrapped line, and the next line begins back at that stub's edge (or there is
    none): under a heading, indented lines that go on indented are its rows."""
    stub, mine = row.get(0, [None])[0], cells[0][0]
    if stub is None:
        return False
    tol = settings.cell_tolerance
    indented = stub.x0 + tol < mine.x0 < stub.x1
    close = _gap(lines, i - 1, i) <= settings.wrap_gap * mine.size
    deeper = i + 1 < len(lines) and lines[i + 1][0].x0 > stub.x0 + tol
    return indented and close and not deeper


def _leads(cells: Cells, below: Cells) -> bool:
    """Whether a stub line begins the stub of the row below (the row's values stand on its
    last line): the row below's stub goes on from it, in the same style."""
    upper, lower = cells[0][0], below[0][0]
    return upper.bold == lower.bold and goes_on(_stub_text(cells), _stub_text(below))


def _tops(placed: list[Cells], lines: list[Line], band: list[int], i: int, settings) -> bool:
    """Whether a line without stub begins text cells of the row below it, set at the foot of
    their row (cells wrapped over lines, their last line on the row's line: a spreadsheet's
    habit): every cell it has is text, over a cell of the next line, which has the stub and
    stands between the same rules, as close as a wrapped line; and it is the first line
    between two rules (rules or fills band the rows). White space alone does not tell: a
    heading set over a group of rows, further under the row above, stands as close over the
    row below as a cell's first line would."""
    if i + 1 >= len(lines) or band[i + 1] != band[i] or 0 not in placed[i + 1]:
        return False
    cells, below = placed[i], placed[i + 1]
    texts = [s.text for segs in cells.values() for s in segs]
    if not texts or any(is_value(t) for t in texts) or any(c not in below for c in cells):
        return False
    size = lines[i][0].size
    if _gap(lines, i, i + 1) > settings.wrap_gap * size:
        return False
    return i > 0 and band[i - 1] != band[i]


def _wraps(row: Cells, cells: Cells, lines: list[Line], i: int, settings) -> bool:
    """Whether a line without stub goes on with text cells of the row above (a text cell
    wrapped over lines): every cell it has is text, under a cell of that row, and close."""
    texts = [s.text for segs in cells.values() for s in segs]
    if any(is_value(t) for t in texts) or any(c not in row for c in cells):
        return False
    return _gap(lines, i - 1, i) <= settings.wrap_gap * lines[i][0].size
