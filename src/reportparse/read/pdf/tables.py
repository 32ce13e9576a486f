"""Tables of a PDF page: found by caption and ruling structure, read cell by cell.

One engine serves every table style met so far:

* ruled grids (vertical and horizontal rules, or filled cell rectangles):
  columns and rows come from the rules, merged cells from missing rules;
* minimal tables (a rule under the header and one at the bottom, columns
  separated by white space): columns come from the white space between the
  body values, the header is the text between caption and first rule, and a
  header line that spans several columns becomes a group-header row.

Nothing here depends on page numbers or coordinates of a given report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ...model import TableMethod
from ...text.normalize import join_lines, normalize_ws
from ...text.printed import ASTERISKS, CAPTION, is_body_row
from .geometry import BBox, connected_groups
from .layout import Box, PageLayout, Rule, Segment
from .settings import (
    BY_CAPTION,
    PAGE_TABLES,
    TABLES,
    PageTableSettings,
    SettingsByCaption,
    TableSettings,
)

TITLE_SOURCE = re.compile(r"\bKilde\b", re.I)  # picture titles name their source


@dataclass
class Caption:
    kind: str  # "tabell" or "figur"
    number: str
    text: str
    segments: list[Segment]
    markers: list[str]

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def size(self) -> float:
        return self.segments[0].size


@dataclass
class Structure:
    """Rules (and filled boxes) that belong to one printed table."""

    hrules: list[Rule]
    vrules: list[Rule]
    fills: list[Box]

    @property
    def x0(self) -> float:
        return min([r.a for r in self.hrules] + [r.pos for r in self.vrules])

    @property
    def x1(self) -> float:
        return max([r.b for r in self.hrules] + [r.pos for r in self.vrules])

    @property
    def top(self) -> float:
        return min([r.pos for r in self.hrules] + [r.a for r in self.vrules])

    @property
    def bottom(self) -> float:
        return max([r.pos for r in self.hrules] + [r.b for r in self.vrules])

    def boxed(self, settings: TableSettings) -> bool:
        """Has column rules of its own (a grid), not only horizontal rules."""
        tol = settings.rule_tolerance
        inner = [v for v in self.vrules if self.x0 + tol < v.pos < self.x1 - tol]
        return bool(inner)


@dataclass
class CellNote:
    row: int | None
    col: int | None
    marker: str


@dataclass
class Grid:
    """A table read from the page: rows of cell texts, header rows first."""

    cells: list[list[str]]
    header_rows: int
    method: TableMethod
    bbox: tuple[float, float, float, float]
    notes: list[CellNote] = field(default_factory=list)
    row_bounds: list[float] = field(default_factory=list)
    col_bounds: list[float] = field(default_factory=list)
    # (row, col, x0, top, x1, bottom) of every cell as read: a merged cell is one box
    cell_boxes: list[tuple[int, int, float, float, float, float]] = field(default_factory=list)


# ---------------------------------------------------------------- captions


def find_captions(layout: PageLayout, settings: PageTableSettings = PAGE_TABLES) -> list[Caption]:
    """Caption lines ("Tabell 2. ...", "Figur 7: ...") with their wrapped continuation lines."""
    captions = []
    segs = layout.segments
    used: set[int] = set()
    for i, seg in enumerate(segs):
        m = CAPTION.match(seg.text)
        if not m or i in used:
            continue
        parts = [seg]
        last = seg
        for j in range(i + 1, len(segs)):
            nxt = segs[j]
            if nxt.top > last.bottom + settings.caption_line_gap * last.size:
                break
            same_style = (
                abs(nxt.size - seg.size) < settings.caption_same_size
                and nxt.bold == seg.bold
                and nxt.italic == seg.italic
            )
            if (
                same_style
                and abs(nxt.x0 - seg.x0) < settings.caption_indent
                and nxt.top > last.top + settings.caption_next_line * last.size
                and not CAPTION.match(nxt.text)
            ):
                parts.append(nxt)
                used.add(j)
                last = nxt
        text, markers = _join_with_markers(parts)
        captions.append(
            Caption(
                kind="tabell" if m.group("kind").lower().startswith("tab") else "figur",
                number=m.group("num") + (m.group("sub") or ""),
                text=text,
                segments=parts,
                markers=markers,
            )
        )
    return captions


def _join_with_markers(parts: list[Segment]) -> tuple[str, list[str]]:
    markers = [m.text for p in parts for m in p.markers]
    return join_lines([p.text for p in parts]), markers


# ---------------------------------------------------------------- structures


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def find_structures(layout: PageLayout, settings: TableSettings = TABLES) -> list[Structure]:
    """Group the page's rules into table structures.

    Rules that touch each other form a grid; horizontal rules of the same
    width stacked under each other (a minimal table) are joined as well.
    """
    items: list[tuple[str, object]] = [
        ("h", r) for r in layout.hrules if r.b - r.a > settings.min_hrule_length
    ]
    items += [("v", r) for r in layout.vrules if r.b - r.a > settings.min_vrule_length]
    items += [("f", b) for b in layout.fills]

    def bbox(item) -> BBox:
        kind, o = item
        if kind == "h":
            return o.a, o.pos, o.b, o.pos
        if kind == "v":
            return o.pos, o.a, o.pos, o.b
        return o.x0, o.top, o.x1, o.bottom

    groups = connected_groups([bbox(it) for it in items], settings.rule_tolerance)
    structures = []
    for idx in groups:
        hs = [items[i][1] for i in idx if items[i][0] == "h"]
        vs = [items[i][1] for i in idx if items[i][0] == "v"]
        fs = [items[i][1] for i in idx if items[i][0] == "f"]
        if not hs:
            continue  # a table has at least one horizontal rule
        structures.append(Structure(hs, vs, fs))
    # join lone horizontal rules of one width into minimal tables
    structures.sort(key=lambda s: (s.top, s.x0))
    merged: list[Structure] = []
    for s in structures:
        for m in merged:
            if (
                not s.boxed(settings)
                and not m.boxed(settings)
                and abs(m.x0 - s.x0) < settings.same_width
                and abs(m.x1 - s.x1) < settings.same_width
                and 0 <= s.top - m.bottom < settings.max_rule_distance
                and not _text_gap_between(layout, m, s, settings)
            ):
                m.hrules += s.hrules
                m.vrules += s.vrules
                break
        else:
            merged.append(s)
    return merged


def _text_gap_between(
    layout: PageLayout, upper: Structure, lower: Structure, settings: TableSettings
) -> bool:
    """True where a blank stretch or text outside the table separates two rules."""
    segs = [
        s
        for s in layout.segments
        if upper.bottom < s.cy < lower.top and _overlap(s.x0, s.x1, upper.x0, upper.x1) > 0
    ]
    outside = settings.text_outside
    if any(s.x0 < upper.x0 - outside or s.x1 > upper.x1 + outside for s in segs):
        return True
    tops = [*sorted(s.top for s in segs), lower.top]
    bottoms = [upper.bottom, *sorted(s.bottom for s in segs)]
    size = max((s.size for s in segs), default=settings.fallback_size)
    return any(t - b > settings.blank_gap * size for t, b in zip(tops, bottoms, strict=True))


# ---------------------------------------------------------------- grids


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _segments_in(layout: PageLayout, box: tuple[float, float, float, float], tol: float):
    x0, top, x1, bottom = box
    return [
        s
        for s in layout.segments
        if x0 - tol <= s.cx <= x1 + tol and top - tol <= s.cy <= bottom + tol
    ]


def _line_clusters(segs: list[Segment], settings: TableSettings) -> list[list[Segment]]:
    """Group segments into rows by vertical overlap of their cores."""
    rows: list[list[Segment]] = []
    spans: list[tuple[float, float]] = []
    for s in sorted(segs, key=lambda s: s.top):
        pad = settings.row_core * (s.bottom - s.top)
        t, b = s.top + pad, s.bottom - pad
        for i, (rt, rb) in enumerate(spans):
            if t < rb and b > rt:
                rows[i].append(s)
                spans[i] = (min(rt, t), max(rb, b))
                break
        else:
            rows.append([s])
            spans.append((t, b))
    # merging can make earlier rows overlap later ones
    changed = True
    while changed:
        changed = False
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if spans[i][0] < spans[j][1] and spans[j][0] < spans[i][1]:
                    rows[i] += rows.pop(j)
                    spans[i] = (min(spans[i][0], spans[j][0]), max(spans[i][1], spans.pop(j)[1]))
                    changed = True
                    break
            if changed:
                break
    order = sorted(range(len(rows)), key=lambda i: spans[i][0])
    return [rows[i] for i in order]


def _cell_text(segs: list[Segment], settings: TableSettings) -> tuple[str, list[str]]:
    """Cell text from its segments (lines joined, hyphenation undone) and its markers."""
    lines = []
    markers: list[str] = []
    for row in _line_clusters(segs, settings):
        row.sort(key=lambda s: s.x0)
        lines.append(" ".join(s.text for s in row))
        markers += [m.text for s in row for m in s.markers]
    text = join_lines(lines)
    for m in ASTERISKS.finditer(text):
        markers.append(m.group(1) or m.group(2))
    text = normalize_ws(ASTERISKS.sub("", text))
    return text, markers


def _covered(rules: list[Rule], pos: float, a: float, b: float, settings: TableSettings) -> bool:
    """Whether rules at ``pos`` cover most of the span a..b."""
    span = b - a
    if span <= 0:
        return True
    tol = settings.rule_tolerance
    cover = sum(_overlap(r.a, r.b, a, b) for r in rules if abs(r.pos - pos) <= tol)
    return cover >= settings.rule_cover * span


def read_structure(
    layout: PageLayout, st: Structure, header_top: float | None, settings: TableSettings
) -> Grid | None:
    """Read one table structure into a grid.

    ``header_top`` is where text above the first rule may start (just under
    the caption); a minimal table prints its header there.
    """
    x0, x1 = st.x0, st.x1
    long_rules = [r.pos for r in st.hrules if r.b - r.a > settings.row_rule_length * (x1 - x0)]
    ys = _cluster(long_rules, settings.rule_tolerance)
    if st.boxed(settings):
        return _read_boxed(layout, st, ys, settings)
    return _read_open(layout, st, ys, header_top, settings)


def _read_boxed(
    layout: PageLayout, st: Structure, ys: list[float], settings: TableSettings
) -> Grid | None:
    x0, x1 = st.x0, st.x1
    xs = _cluster([v.pos for v in st.vrules], settings.rule_tolerance)
    if len(xs) < 2 or len(ys) < 2:
        return None
    xs[0], xs[-1] = min(xs[0], x0), max(xs[-1], x1)
    segs = _segments_in(layout, (xs[0], ys[0], xs[-1], ys[-1]), settings.cell_tolerance)
    nrows, ncols = len(ys) - 1, len(xs) - 1
    # merged cells: a missing rule between neighbours joins them
    owner = [[(r, c) for c in range(ncols)] for r in range(nrows)]
    for r in range(nrows):
        for c in range(1, ncols):
            if not _covered(st.vrules, xs[c], ys[r], ys[r + 1], settings):
                owner[r][c] = owner[r][c - 1]
    for r in range(1, nrows):
        for c in range(ncols):
            drawn = _covered(st.hrules, ys[r], xs[c], xs[c + 1], settings)
            if not drawn and owner[r][c] == (r, c):
                up = owner[r - 1][c]
                if all(owner[r][cc] == (r, cc) for cc in range(c, c + 1)):
                    owner[r][c] = up
    buckets: dict[tuple[int, int], list[Segment]] = {}
    for s in segs:
        r = _index(ys, s.cy, settings.cell_tolerance)
        c = _index(xs, s.cx, settings.cell_tolerance)
        if r is None or c is None:
            continue
        buckets.setdefault(owner[r][c], []).append(s)
    cells = [["" for _ in range(ncols)] for _ in range(nrows)]
    notes = []
    for (r, c), group in buckets.items():
        text, markers = _cell_text(group, settings)
        cells[r][c] = text
        notes += [CellNote(r, c, m) for m in markers]
    # drop rows without any text (e.g. a rule doubled by a cell border)
    keep = [i for i, row in enumerate(cells) if any(row)]
    remap = {old: new for new, old in enumerate(keep)}
    cells = [cells[i] for i in keep]
    notes = [CellNote(remap[n.row], n.col, n.marker) for n in notes if n.row in remap]
    if len(cells) < 2 or ncols < 2:
        return None
    boxes = _merged_boxes(owner, xs, ys, remap)
    header = next((i for i, row in enumerate(cells) if is_body_row(row)), 1) or 1
    return Grid(
        cells=cells,
        header_rows=header,
        method=TableMethod.RULED_GRID,
        bbox=(xs[0], ys[0], xs[-1], ys[-1]),
        notes=notes,
        row_bounds=ys,
        col_bounds=xs,
        cell_boxes=boxes,
    )


def _merged_boxes(owner, xs: list[float], ys: list[float], remap: dict[int, int]):
    """One box per cell of a ruled grid, a merged cell spanning the grid cells it owns."""
    ends: dict[tuple[int, int], tuple[int, int]] = {}  # owner cell -> last row and column
    for r, row in enumerate(owner):
        for c, key in enumerate(row):
            r1, c1 = ends.get(key, (r, c))
            ends[key] = (max(r1, r), max(c1, c))
    return [
        (remap[r], c, xs[c], ys[r], xs[c1 + 1], ys[r1 + 1])
        for (r, c), (r1, c1) in sorted(ends.items())
        if r in remap
    ]


def _index(bounds: list[float], v: float, tol: float) -> int | None:
    for i in range(len(bounds) - 1):
        if bounds[i] - tol <= v <= bounds[i + 1] + tol:
            return i
    return None


def _read_open(
    layout: PageLayout,
    st: Structure,
    ys: list[float],
    header_top: float | None,
    settings: TableSettings,
) -> Grid | None:
    """A table with horizontal rules only: columns from the white space between values."""
    x0, x1 = st.x0, st.x1
    if not ys:
        return None
    top = header_top if header_top is not None else ys[0]
    first_rule = ys[0]
    bands: list[tuple[float, float]] = []
    tol = settings.cell_tolerance
    if top < first_rule - tol:
        bands.append((top, first_rule))
    bands += list(pairwise(ys))
    rows_by_band = [
        _line_clusters(_segments_in(layout, (x0, a, x1, b), tol), settings) for a, b in bands
    ]
    rows_by_band = [r for r in rows_by_band if r]
    if not rows_by_band:
        return None
    body_band = rows_by_band[-1]
    header_lines = [line for band in rows_by_band[:-1] for line in band]
    columns = _text_columns([s for line in body_band for s in line], settings.column_gap)
    if len(columns) < 2:
        return None
    header_rows, header_notes, columns, boxes = _header_rows(header_lines, columns, settings)
    cells = [r for r in header_rows]
    notes = list(header_notes)
    for line in body_band:
        line_top, line_bottom = min(s.top for s in line), max(s.bottom for s in line)
        boxes += [(len(cells), c, a, line_top, b, line_bottom) for c, (a, b) in enumerate(columns)]
        row = ["" for _ in columns]
        groups: dict[int, list[Segment]] = {}
        for s in line:
            groups.setdefault(_nearest_column(columns, s), []).append(s)
        for c, group in groups.items():
            text, markers = _cell_text(group, settings)
            row[c] = text
            notes += [CellNote(len(cells), c, m) for m in markers]
        cells.append(row)
    bottom = ys[-1] if len(ys) > 1 else max(s.bottom for line in body_band for s in line)
    return Grid(
        cells=cells,
        header_rows=len(header_rows),
        method=TableMethod.RULES_WHITESPACE,
        bbox=(x0, top, x1, bottom),
        notes=notes,
        row_bounds=ys,
        col_bounds=[c[0] for c in columns] + [columns[-1][1]],
        cell_boxes=boxes,
    )


def _text_columns(segs: list[Segment], min_gap: float) -> list[list[float]]:
    """Column intervals: x-ranges covered by body text, split where white space runs through."""
    spans = sorted((s.x0, s.x1) for s in segs)
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + min_gap:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    return cols


def _nearest_column(columns: list[list[float]], s: Segment) -> int:
    best, score = 0, None
    for i, (a, b) in enumerate(columns):
        ov = _overlap(s.x0, s.x1, a, b)
        dist = 0.0 if ov > 0 else min(abs(s.x0 - b), abs(a - s.x1))
        key = (-ov, dist)
        if score is None or key < score:
            best, score = i, key
    return best


def _header_rows(lines: list[list[Segment]], columns: list[list[float]], settings: TableSettings):
    """Header text above a minimal table, as one or more header rows.

    Read bottom-up: a segment over one column widens that column; a segment
    over several columns is a group header, a row of its own above the column
    headers. A stub header over the first column stands in the first row.
    Returns the rows, their notes, the widened columns and the cell boxes.
    """
    cols = [list(c) for c in columns]
    placed: list[tuple[int, Segment, int]] = []  # (line index, segment, span start)
    spans: dict[int, tuple[int, int]] = {}
    for li in range(len(lines) - 1, -1, -1):
        for s in sorted(lines[li], key=lambda s: s.x0):
            hit = [
                i
                for i, (a, b) in enumerate(cols)
                if _overlap(s.x0, s.x1, a, b) > settings.header_overlap
            ]
            if not hit:
                hit = [_nearest_column(cols, s)]
            if len(hit) == 1:
                c = hit[0]
                cols[c][0], cols[c][1] = min(cols[c][0], s.x0), max(cols[c][1], s.x1)
            spans[id(s)] = (hit[0], hit[-1])
            placed.append((li, s, hit[0]))
    group_lines = {li for li, s, _ in placed if spans[id(s)][0] != spans[id(s)][1]}
    # consecutive lines with a spanning segment form one group row, the rest one row
    row_of_line: dict[int, int] = {}
    row = -1
    prev_group = None
    for li in range(len(lines)):
        is_group = li in group_lines
        if is_group != prev_group:
            row += 1
            prev_group = is_group
        row_of_line[li] = row
    nrows = row + 1 if lines else 0
    stub_rows: dict[int, int] = {}
    grouped: dict[tuple[int, int], list[Segment]] = {}
    for li, s, c in placed:
        grouped.setdefault((row_of_line[li], c), []).append(s)
    cells = [["" for _ in cols] for _ in range(nrows)]
    notes = []
    for (r, c), segs in grouped.items():
        text, markers = _cell_text(segs, settings)
        cells[r][c] = text
        notes += [CellNote(r, c, m) for m in markers]
    # a stub header printed at the bottom of the header block stands in the first row
    for c in range(len(cols)):
        filled = [r for r in range(nrows) if cells[r][c]]
        covered_above = any(
            spans[id(s)][0] < c <= spans[id(s)][1] for li, s, _ in placed if li in group_lines
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


# ---------------------------------------------------------------- page level


@dataclass
class FoundTable:
    caption: Caption | None
    grid: Grid | None
    image: Box | None
    page: int


def _right_limit(
    caption: Caption, captions: list[Caption], width: float, settings: TableSettings
) -> float:
    limit = width
    for other in captions:
        if other is caption:
            continue
        same_line = abs(other.top - caption.top) < settings.caption_same_line * caption.size
        if same_line and other.x0 > caption.x1 - settings.caption_slack:
            limit = min(limit, other.x0 - settings.caption_margin)
    return limit


def _left_limit(caption: Caption, captions: list[Caption], settings: TableSettings) -> float:
    limit = 0.0
    for other in captions:
        same_line = abs(other.top - caption.top) < settings.caption_same_line * caption.size
        if other is not caption and same_line and other.x1 < caption.x0 + settings.caption_slack:
            limit = max(limit, other.x1 + settings.caption_margin)
    return limit


def _rules(st: Structure) -> set[int]:
    """A structure's rules by identity: structures grouped with other settings share them."""
    return {id(r) for r in (*st.hrules, *st.vrules)}


def find_tables(
    layout: PageLayout,
    unnumbered: bool,
    tables: SettingsByCaption = BY_CAPTION,
    page: PageTableSettings = PAGE_TABLES,
) -> list[FoundTable]:
    """Every table of a page: captioned ones, pictures under a table caption, and
    (where ``unnumbered``) ruled grids without a caption.

    The tables under a caption are found and read with the settings ``tables`` gives for
    its caption; where they differ from the defaults, the page's rules are grouped into
    structures with them as well. Tables without a caption are read with the defaults."""
    captions = find_captions(layout, page)
    structures = {tables.defaults: find_structures(layout, tables.defaults)}
    claimed: set[int] = set()  # the rules of the tables found so far
    found: list[FoundTable] = []
    for cap in (c for c in captions if c.kind == "tabell"):
        settings = tables.for_caption(normalize_ws(cap.text))
        if settings not in structures:
            structures[settings] = find_structures(layout, settings)
        left = _left_limit(cap, captions, settings)
        right = _right_limit(cap, captions, layout.width, settings)
        slack = settings.caption_slack
        below = [
            st
            for st in structures[settings]
            if not claimed & _rules(st)
            and st.top > cap.top
            and st.x0 >= left - slack
            and st.x1 <= right + slack
            and _overlap(st.x0, st.x1, cap.x0 - slack, right) > 0
        ]
        next_cap_top = min(
            (
                c.top
                for c in captions
                if c.top > cap.bottom and _overlap(c.x0, c.x1, cap.x0, right) > 0
            ),
            default=layout.height,
        )
        below = [st for st in below if st.top < next_cap_top]
        image = _image_below(layout, cap, (left, right, next_cap_top), settings, page)
        if not below or (image is not None and image.top < min(st.top for st in below)):
            found.append(FoundTable(cap, None, image, layout.number))
            continue
        first_top = min(st.top for st in below)
        side_by_side = sorted(
            (st for st in below if st.top - first_top < settings.side_by_side * cap.size),
            key=lambda st: st.x0,
        )
        for st in side_by_side:
            claimed |= _rules(st)
            grid = read_structure(layout, st, cap.bottom + settings.header_gap, settings)
            found.append(FoundTable(cap, grid, None, layout.number))
    if unnumbered:
        defaults = tables.defaults
        for st in structures[defaults]:
            if claimed & _rules(st) or not st.boxed(defaults):
                continue
            grid = read_structure(layout, st, None, defaults)
            if grid is None or not _looks_like_table(grid, page):
                continue
            found.append(FoundTable(None, grid, None, layout.number))
        for image, caption in _captioned_images(layout, captions, page):
            found.append(FoundTable(caption, None, image, layout.number))
    return found


def _looks_like_table(grid: Grid, settings: PageTableSettings) -> bool:
    filled = sum(1 for row in grid.cells for c in row if c)
    total = sum(len(row) for row in grid.cells)
    return (
        len(grid.cells) >= 2 and len(grid.cells[0]) >= 2 and filled >= settings.min_filled * total
    )


def _is_decoration(img: Box, layout: PageLayout, settings: PageTableSettings) -> bool:
    w, h = img.x1 - img.x0, img.bottom - img.top
    if w <= 0 or h <= 0:
        return True
    if w / h > settings.decoration_aspect or h / w > settings.decoration_aspect:
        return True
    return img.area < settings.decoration_area * layout.width * layout.height


def _image_below(
    layout: PageLayout,
    cap: Caption,
    within: tuple[float, float, float],
    settings: TableSettings,
    page: PageTableSettings,
) -> Box | None:
    """The picture right under a caption, within (left, right, bottom)."""
    left, right, limit = within
    slack = settings.caption_slack
    for img in sorted(layout.images, key=lambda b: b.top):
        if _is_decoration(img, layout, page):
            continue
        start = cap.bottom - settings.image_overlap
        under = start <= img.top < min(limit, cap.bottom + settings.image_gap * cap.size)
        if under and left - slack <= img.x0 and img.x1 <= right + slack:
            return img
    return None


def _captioned_images(layout: PageLayout, captions: list[Caption], settings: PageTableSettings):
    """Pictures with a bold title line right above them and no numbered caption."""
    numbered_tops = [c.bottom for c in captions]
    for img in sorted(layout.images, key=lambda b: (b.top, b.x0)):
        if _is_decoration(img, layout, settings):
            continue
        if any(0 <= img.top - t < settings.captioned_image_gap for t in numbered_tops):
            continue
        above = [
            s
            for s in layout.segments
            if s.bold
            and s.bottom <= img.top + settings.title_overlap
            and img.top - s.bottom < settings.title_gap * s.size
            and _overlap(s.x0, s.x1, img.x0, img.x1) > 0
        ]
        if not above or not any(TITLE_SOURCE.search(s.text) for s in above):
            continue
        last = max(above, key=lambda s: s.bottom)
        lines = [last]
        for s in sorted(above, key=lambda s: -s.bottom):
            follows = lines[0].top - s.bottom < settings.title_line_gap * s.size
            if s is not last and follows and abs(s.x0 - last.x0) < settings.title_indent:
                lines.insert(0, s)
        cap = Caption("bilde", "", join_lines([s.text for s in lines]), lines, [])
        yield img, cap
