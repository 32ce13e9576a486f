"""Rules on a page grouped into the structures of printed tables, and ruled grids read cell
by cell: columns and rows from the rules, merged cells from missing rules."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from ...model import TableMethod
from ...specs.settings import TABLES, TableSettings
from ...text.printed import CAPTION, header_end, is_value
from .alignment import Evidence, first_body_line, read_region, value_line
from .cells import (
    CellNote,
    Grid,
    bottom,
    cell_text,
    cluster,
    cluster_spans,
    glyph_segments,
    overlap,
    printed_lines,
    segments_in,
    top,
    turned,
    turned_cell_text,
    word_spans,
)
from .geometry import BBox, connected_groups, union
from .layout import Box, PageLayout, Ruling, Segment, make_segment


@dataclass
class Structure:
    """Rules (and filled boxes) that belong to one printed table."""

    hrulings: list[Ruling]
    vrulings: list[Ruling]
    fills: list[Box]

    @property
    def x0(self) -> float:
        return min([r.a for r in self.hrulings] + [r.pos for r in self.vrulings])

    @property
    def x1(self) -> float:
        return max([r.b for r in self.hrulings] + [r.pos for r in self.vrulings])

    @property
    def top(self) -> float:
        return min([r.pos for r in self.hrulings] + [r.a for r in self.vrulings])

    @property
    def bottom(self) -> float:
        return max([r.pos for r in self.hrulings] + [r.b for r in self.vrulings])

    def boxed(self, settings: TableSettings) -> bool:
        """Has column rules of its own (a grid), not only horizontal rules (and the borders
        of a few cells)."""
        tol = settings.rule_tolerance
        return any(self.x0 + tol < x < self.x1 - tol for x in self.columns(settings))

    def columns(self, settings: TableSettings) -> list[float]:
        """The x of its column rules: rules that run through ``column_rule`` of its height or
        more (not a header cell's border alone), those closer than ``column_rule_merge`` as
        one (a double rule, the edges of an inset cell fill). A rule that stops short of the
        top, under a head spanning its columns, is a column rule too where it runs from a
        row rule down to the grid's bottom across two rows or more (``_to_the_bottom``)."""
        height = self.bottom - self.top
        xs = []
        for x in cluster([v.pos for v in self.vrulings], settings.rule_tolerance):
            near = [v for v in self.vrulings if abs(v.pos - x) <= settings.rule_tolerance]
            spans = cluster_spans([(v.a, v.b) for v in near])
            through = sum(b - a for a, b in spans) >= settings.column_rule * height
            if through or self._to_the_bottom(x, spans[-1], settings):
                xs.append(x)
        return cluster(xs, settings.column_rule_merge)

    def _to_the_bottom(self, x: float, span: tuple[float, float], settings) -> bool:
        """Whether a vertical rule's last stretch (``span``) runs down to the grid's bottom
        from a horizontal rule that it meets, crossing a row rule between them."""
        tol = settings.rule_tolerance
        a, b = span
        if b < self.bottom - tol:
            return False
        meets = [h for h in self.hrulings if h.a - tol <= x <= h.b + tol]
        if not any(abs(h.pos - a) <= tol for h in meets):
            return False
        rows = self.rows(settings)
        return any(a + tol < y < b - tol for y in rows)

    def rows(self, settings: TableSettings) -> list[float]:
        """The y of its rules that run across most of its width (row boundaries); in a grid
        of filled cells that no rule runs across, the cells' edges on one line with gutters
        between them as one rule."""
        width = self.x1 - self.x0
        long = [r.pos for r in self.hrulings if r.b - r.a > settings.row_rule_length * width]
        filled = len(self.fills) > 1 and len(cluster(long, settings.rule_tolerance)) < 2
        for y in cluster([r.pos for r in self.hrulings], settings.rule_tolerance) * filled:
            line = [r for r in self.hrulings if abs(r.pos - y) <= settings.rule_tolerance]
            spans = _joined(((r.a, r.b) for r in line), settings.column_rule_merge)
            if any(b - a > settings.row_rule_length * width for a, b in spans):
                long += [r.pos for r in line]
        return cluster(long, settings.rule_tolerance)

    def ids(self) -> set[int]:
        """Its rules by identity: structures grouped with other settings share them."""
        return {id(r) for r in (*self.hrulings, *self.vrulings)}


def _joined(spans, gutter: float = 0.0) -> list[tuple[float, float]]:
    """Spans (a, b) joined where they overlap or lie at most ``gutter`` apart."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + gutter:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def find_structures(layout: PageLayout, settings: TableSettings = TABLES) -> list[Structure]:
    """Group the page's rules into table structures.

    Rules that touch each other form a grid; horizontal rules of the same
    width stacked under each other (a minimal table) are joined as well.
    """

    def bbox(item) -> BBox:
        kind, o = item
        if kind == "h":
            return o.a, o.pos, o.b, o.pos
        if kind == "v":
            return o.pos, o.a, o.pos, o.b
        return o.x0, o.top, o.x1, o.bottom

    items: list[tuple[str, object]] = [
        ("h", r)
        for r in layout.hrulings
        if r.b - r.a > settings.min_hrule_length and not _underlines(r, layout, settings)
    ]
    items += [("v", r) for r in layout.vrulings if r.b - r.a > settings.min_vrule_length]
    items += [("f", b) for b in cell_fills(layout, settings.rule_tolerance)]
    items = [it for it in items if _on_page(bbox(it), layout, settings.rule_tolerance)]

    blocks = _fill_blocks(layout, settings)
    boxes = [_in_block(bbox(it), blocks, settings.rule_tolerance) for it in items]
    groups = connected_groups(boxes, settings.rule_tolerance)
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
                m.hrulings += s.hrulings
                m.vrulings += s.vrulings
                break
        else:
            merged.append(s)
    return _joined_headers(_joined_across(merged, layout, settings), layout, settings)


def _joined_across(
    structures: list[Structure], layout: PageLayout, settings: TableSettings
) -> list[Structure]:
    """Grids side by side whose rows line up rule for rule, joined as one: the rows of a
    grid whose horizontal rules are left undrawn along one column run on through it. Two
    grids, each with column rules of its own, the same row rules (three or more), their
    facing edges ruled down their whole height, and text between them: the stretch between
    is a column, its row rules those of the grids beside it."""
    out: list[Structure] = []
    for s in sorted(structures, key=lambda s: s.x0):
        level = [m for m in out if m.x1 < s.x0 and m.top < s.bottom and s.top < m.bottom]
        nearest = max(level, key=lambda m: m.x1, default=None)  # nothing stands between
        left = nearest if nearest and _beside(nearest, s, layout, settings) else None
        if left is None:
            out.append(s)
            continue
        bridge = [_bridge(left, s, y, settings.rule_tolerance) for y in left.rows(settings)]
        left.hrulings += [*s.hrulings, *bridge]
        left.vrulings += s.vrulings
        left.fills += s.fills
    return sorted(out, key=lambda s: (s.top, s.x0))


def _bridge(left: Structure, right: Structure, y: float, tol: float) -> Ruling:
    """A row rule drawn on across the stretch between two grids: from where the left grid's
    rule on that line reaching its right edge begins, to where the right grid's rule from
    its left edge ends."""
    on = [r for r in left.hrulings if abs(r.pos - y) <= tol and r.b >= left.x1 - tol]
    a = min((r.a for r in on), default=left.x1)
    on = [r for r in right.hrulings if abs(r.pos - y) <= tol and r.a <= right.x0 + tol]
    b = max((r.b for r in on), default=right.x0)
    return Ruling(y, a, b)


def _beside(left: Structure, right: Structure, layout: PageLayout, settings) -> bool:
    tol = settings.rule_tolerance
    if not (left.boxed(settings) and right.boxed(settings)) or right.x0 <= left.x1 + tol:
        return False
    rows, other = left.rows(settings), right.rows(settings)
    if len(rows) < 3 or len(rows) != len(other):
        return False
    if any(abs(a - b) > tol for a, b in zip(rows, other, strict=True)):
        return False
    edges = (left.columns(settings)[-1:], right.columns(settings)[:1])
    if not all(e and abs(e[0] - x) <= tol for e, x in zip(edges, (left.x1, right.x0), strict=True)):
        return False
    return any(left.x1 < s.cx < right.x0 and rows[0] < s.cy < rows[-1] for s in layout.segments)


def _joined_headers(
    structures: list[Structure], layout: PageLayout, settings: TableSettings
) -> list[Structure]:
    """Grids joined where a header is ruled (or filled) apart from its body: a grid right
    over another of the same width, its column rules among the other's, no text between them
    and a gap no taller than itself, is the other's header."""
    out: list[Structure] = []
    for s in structures:
        head = next((m for m in reversed(out) if _heads(m, s, layout, settings)), None)
        if head is None:
            out.append(s)
            continue
        head.hrulings += s.hrulings
        head.vrulings += s.vrulings
        head.fills += s.fills
    return out


def _heads(upper: Structure, lower: Structure, layout: PageLayout, settings) -> bool:
    if _rule_over_heads(upper, lower, layout, settings):
        return True
    if not (lower.boxed(settings) and (upper.boxed(settings) or _framed(upper, settings))):
        return False
    inside = [
        s
        for s in layout.segments
        if upper.x0 <= s.cx <= upper.x1 and upper.top <= s.cy <= upper.bottom
    ]
    if not upper.boxed(settings):  # a frame alone: its heads stand in the grid's columns
        return _in_columns_of(inside, lower, settings) and _heads(
            _with_columns(upper, lower, settings), lower, layout, settings
        )
    if any(value_line(line) for line in printed_lines(inside, settings.row_core)):
        return False  # a grid that prints values is a table of its own, not a header
    gap = lower.top - upper.bottom
    if not 0 < gap <= upper.bottom - upper.top:
        return False
    if abs(upper.x0 - lower.x0) >= settings.same_width or abs(upper.x1 - lower.x1) >= (
        settings.same_width
    ):
        return False
    below = lower.columns(settings)
    near = settings.column_rule_merge
    inner = [x for x in upper.columns(settings) if upper.x0 + near < x < upper.x1 - near]
    fits = all(any(abs(x - b) <= near for b in below) for x in inner)
    between = any(
        upper.bottom < s.cy < lower.top and overlap(s.x0, s.x1, upper.x0, upper.x1) > 0
        for s in layout.segments
    )
    return bool(inner) and fits and not between


def _rule_over_heads(upper: Structure, lower: Structure, layout: PageLayout, settings) -> bool:
    """Whether ``upper`` is one rule right over a grid, as wide, with its heads between
    them: lines of text, no values, each word within one of the grid's columns (two or
    more), no blank stretch between the rule, the lines and the grid (``blank_gap``). The
    rule is the top of the grid's header row, its column rules left undrawn there."""
    if upper.vrulings or upper.fills or len(cluster([r.pos for r in upper.hrulings], 0.0)) > 1:
        return False
    if not lower.boxed(settings) or lower.top <= upper.bottom:
        return False
    if abs(upper.x0 - lower.x0) >= settings.same_width or abs(upper.x1 - lower.x1) >= (
        settings.same_width
    ):
        return False
    between = [
        s
        for s in layout.segments
        if upper.bottom < s.cy < lower.top and overlap(s.x0, s.x1, upper.x0, upper.x1) > 0
    ]
    lines = printed_lines(between, settings.row_core)
    if not lines or any(value_line(line) for line in lines):
        return False
    edges = [upper.bottom, *(y for line in lines for y in (top(line), bottom(line))), lower.top]
    size = max(s.size for s in between)
    gaps = [b - a for a, b in pairwise(edges)][::2]
    return all(g <= settings.blank_gap * size for g in gaps) and _in_columns_of(
        between, lower, settings
    )


def _framed(st: Structure, settings: TableSettings) -> bool:
    """Whether a structure is a box: rules along its top and bottom and down both sides."""
    tol = settings.rule_tolerance
    height = st.bottom - st.top
    sides = [x for x in st.columns(settings) if min(abs(x - st.x0), abs(x - st.x1)) <= tol]
    ends = [y for y in st.rows(settings) if min(abs(y - st.top), abs(y - st.bottom)) <= tol]
    return len(sides) == 2 and len(ends) == 2 and height > 0


def _in_columns_of(segs: list[Segment], grid: Structure, settings: TableSettings) -> bool:
    """Whether text stands in two or more of a grid's columns, no word across a column
    rule (heads set close on one line read as one segment)."""
    xs = [grid.x0, *grid.columns(settings), grid.x1]
    tol = settings.rule_tolerance
    places = set()
    for x0, x1 in (span for s in segs for span in word_spans(s)):
        inner = [i for i, (a, b) in enumerate(pairwise(xs)) if a - tol <= x0 and x1 <= b + tol]
        if not inner:
            return False
        places.add(inner[0])
    return len(places) >= 2


def _with_columns(frame: Structure, grid: Structure, settings: TableSettings) -> Structure:
    """A frame with the grid's column lines drawn down through it (to test it as a header,
    as if its columns were ruled)."""
    lines = [Ruling(x, frame.top, frame.bottom) for x in grid.columns(settings)]
    return Structure(frame.hrulings, [*frame.vrulings, *lines], frame.fills)


def _fill_blocks(layout: PageLayout, settings: TableSettings) -> list[BBox]:
    """The boxes of filled cells that stand together: cells drawn as filled rectangles with
    white gutters between them, no wider than two rules taken as one (``column_rule_merge``),
    are one table whatever the gutters, where rules alone would touch only across
    ``rule_tolerance``."""
    fills = [(f.x0, f.top, f.x1, f.bottom) for f in cell_fills(layout, settings.rule_tolerance)]
    blocks = []
    for group in connected_groups(fills, settings.column_rule_merge):
        for part in _apart_at_gutters([fills[i] for i in group], settings.rule_tolerance):
            if len(part) > 1:
                blocks.append(union(part))
    return blocks


def _apart_at_gutters(fills: list[BBox], tol: float) -> list[list[BBox]]:
    """Filled cells parted where a white gutter runs down their whole height and the cells
    on its two sides keep rows of their own: each side has a cell edge (a row's top or
    bottom) that the other lacks. The cells of one table share their row lines across
    every gutter (a cell spanning rows on one side lacks an edge, never adds one); two
    tables set side by side, a gutter apart, do not."""
    order = sorted(fills, key=lambda f: f[0])
    reach = order[0][2] if order else 0.0
    for k in range(1, len(order)):
        if order[k][0] > reach + tol / 2:  # no cell crosses the gutter before cell k
            left, right = order[:k], order[k:]
            if _own_rows(left, right, tol) and _own_rows(right, left, tol):
                return [left, *_apart_at_gutters(right, tol)]
        reach = max(reach, order[k][2])
    return [fills]


def _own_rows(side: list[BBox], other: list[BBox], tol: float) -> bool:
    """Whether cells have a top or bottom edge that no cell of ``other`` has (to ``tol``)."""
    edges = sorted(y for f in other for y in (f[1], f[3]))

    def shared(y: float) -> bool:
        i = bisect_left(edges, y - tol)
        return i < len(edges) and edges[i] <= y + tol

    return not all(shared(y) for f in side for y in (f[1], f[3]))


def cell_fills(layout: PageLayout, tol: float) -> list[Box]:
    """The filled boxes that may be a table's cells: those on the page (to ``tol``). A box
    that runs off the page's edge is printed to bleed (a band or tab along the edge), not a
    cell; nor are its edges rules of a table."""
    return [f for f in layout.fills if _on_page((f.x0, f.top, f.x1, f.bottom), layout, tol)]


def _on_page(box: BBox, layout: PageLayout, tol: float) -> bool:
    """Whether a box stays on the page: it begins at or after its top and left edges and
    ends before its longer side (a page turned by /Rotate may give its size either way
    round, its marks in the other)."""
    x0, top_y, x1, bottom_y = box
    side = max(layout.width, layout.height) + tol
    return min(x0, top_y) >= -tol and max(x1, bottom_y) <= side


def _in_block(box: BBox, blocks: list[BBox], tol: float) -> BBox:
    """A rule's or a fill's box, or the box of the block of filled cells it lies in."""
    x0, top, x1, bottom = box
    for b in blocks:
        bx0, btop, bx1, bbottom = b
        if bx0 - tol <= x0 and x1 <= bx1 + tol and btop - tol <= top and bottom <= bbottom + tol:
            return b
    return box


def _underlines(rule: Ruling, layout: PageLayout, settings: TableSettings) -> bool:
    """Whether a horizontal rule underlines text: it lies under one segment's glyphs, no
    wider than the segment."""
    tol = settings.rule_tolerance
    return any(
        s.x0 - tol <= rule.a
        and rule.b <= s.x1 + tol
        and s.cy < rule.pos <= s.bottom + settings.underline_drop * s.size
        for s in layout.segments
    )


def _text_gap_between(
    layout: PageLayout, upper: Structure, lower: Structure, settings: TableSettings
) -> bool:
    """True where a blank stretch, text outside the table or a caption separates two
    rules."""
    segs = [
        s
        for s in layout.segments
        if upper.bottom < s.cy < lower.top and overlap(s.x0, s.x1, upper.x0, upper.x1) > 0
    ]
    outside = settings.text_outside
    if any(s.x0 < upper.x0 - outside or s.x1 > upper.x1 + outside for s in segs):
        return True
    if any(CAPTION.match(s.text) for s in segs):  # the next table's caption
        return True
    tops = [*sorted(s.top for s in segs), lower.top]
    bottoms = [upper.bottom, *sorted(s.bottom for s in segs)]
    size = max((s.size for s in segs), default=settings.fallback_size)
    return any(t - b > settings.blank_gap * size for t, b in zip(tops, bottoms, strict=True))


def _covered(
    rules: list[Ruling], pos: float, a: float, b: float, settings: TableSettings, tol: float
) -> bool:
    """Whether rules at ``pos`` (within ``tol``) cover most of the span a..b."""
    span = b - a
    if span <= 0:
        return True
    cover = sum(overlap(r.a, r.b, a, b) for r in rules if abs(r.pos - pos) <= tol)
    return cover >= settings.rule_cover * span


def _spanned_down(owner, keep: list[int], header: int) -> int:
    """The header's rows, taken on over each row (``keep``: the rows kept) that a header
    cell spans down into, its rule under that cell undrawn (a stub head set over two header
    lines); a body row is left."""
    while header < len(keep) - 1:
        row = keep[header]
        if not any(r in keep[:header] and r < row for r, _ in owner[row]):
            break
        header += 1
    return header


def read_grid(
    segments: list[Segment], st: Structure, settings: TableSettings = TABLES
) -> Grid | None:
    """A ruled grid: cells between the rules, a missing rule joining neighbours into one
    merged cell; rows without text dropped. None where the rules make no grid of two rows
    and two columns."""
    ys = st.rows(settings)
    xs = st.columns(settings)
    tol = settings.rule_tolerance
    xs = [st.x0, *(x for x in xs if st.x0 + tol < x < st.x1 - tol), st.x1]  # edges undrawn too
    if len(ys) < 2:
        return None
    segs = segments_in(segments, (xs[0], ys[0], xs[-1], ys[-1]), settings.cell_tolerance)
    xs = _without_overshoot(_without_gutters(xs, segs, settings), st, segs, settings)
    level = [s for s in segs if not turned(s)]  # turned heads print no line and no row
    ys = _with_cell_borders(st, ys, xs, level, settings)
    if _stacked(level, ys, xs, settings) or _crowded(level, xs, settings):
        evidence = replace(rule_evidence(segs, ys, settings), column_rules=tuple(xs[1:-1]))
        return read_region(segs, settings, evidence, TableMethod.RULED_GRID)
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parts = [
        p
        for seg in segs
        for part in glyph_segments(seg)
        for p in _by_column(part, xs, settings.cell_gap)
    ]
    # merged cells: a missing rule between neighbours joins them (a column rule is any of
    # the rules taken as one)
    near = max(tol, settings.column_rule_merge / 2)
    owner = [[(r, c) for c in range(ncols)] for r in range(nrows)]
    for r in range(nrows):
        for c in range(1, ncols):
            drawn = _covered(st.vrulings, xs[c], ys[r], ys[r + 1], settings, near)
            if not drawn and not _text_on_both_sides(parts, xs, ys, r, c, settings):
                owner[r][c] = owner[r][c - 1]
    for r in range(1, nrows):
        for c in range(ncols):
            drawn = _covered(st.hrulings, ys[r], xs[c], xs[c + 1], settings, tol)
            if not drawn and owner[r][c] == (r, c):
                owner[r][c] = owner[r - 1][c]
    for r in range(nrows):  # a cell joined to one joined upwards belongs to that one's owner
        for c in range(ncols):
            while owner[r][c] != owner[owner[r][c][0]][owner[r][c][1]]:
                owner[r][c] = owner[owner[r][c][0]][owner[r][c][1]]
    buckets: dict[tuple[int, int], list[Segment]] = {}
    for s in parts:
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
    header = _spanned_down(owner, keep, header_end(cells) or 1)
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


def _by_column(s: Segment, xs: list[float], gap: float) -> list[Segment]:
    """A segment whose words stand in different columns of a grid, ``gap`` of its size or
    more apart at each column line (heads set close on one line where no rule parts them),
    as one segment per column; else as it is (a phrase centred across a column line)."""
    inner = [x for x in xs[1:-1] if s.x0 < x < s.x1]
    if not inner:
        return [s]
    spans = word_spans(s)
    if any(a < x < b for a, b in spans for x in inner):
        return [s]
    for x in inner:
        left = max((b for _, b in spans if b <= x), default=None)
        right = min((a for a, _ in spans if a >= x), default=None)
        if left is not None and right is not None and right - left < gap * s.size:
            return [s]
    groups: dict[int, list] = {}
    for g in s.glyphs:
        groups.setdefault(sum(1 for x in inner if x < (g.x0 + g.x1) / 2), []).append(g)
    parts = [make_segment(gs) for _, gs in sorted(groups.items())]
    return [p for p in parts if p.text]


def _cell_text(group: list[Segment], settings: TableSettings) -> tuple[str, list[str]]:
    """A grid cell's text: a head set at a quarter turn read upright, where all its text is
    turned one way; else its lines as printed."""
    turns = {turned(s) for s in group}
    if len(turns) == 1 and 0 not in turns:
        return turned_cell_text(group, settings)
    return cell_text(group, settings)


def _with_cell_borders(
    st: Structure, ys: list[float], xs: list[float], segs: list[Segment], settings: TableSettings
) -> list[float]:
    """The row lines of a grid with column rules, with its shorter rules that are cells'
    borders: a rule from one column line (or vertical rule: the inner line of a double
    frame) to another (the box behind a cell's text stops short of them), where in every
    column it does not cross no text stands both over and under it (there a cell spans the
    two rows; text on both sides is two rows its rules left undrawn, and the rule no row
    line)."""
    tol, reach = settings.rule_tolerance, settings.cell_border_reach
    if len(xs) < 3:  # the two edges and no column rule inside
        return ys

    # a column line, or a rule of a double frame (down most of the grid, as a column rule:
    # not the side of a box drawn round a cell's text, which stops where its own edges do)
    long = settings.column_rule * (st.bottom - st.top)
    stops = [*xs, *(v.pos for v in st.vrulings if v.b - v.a >= long)]

    def meets(x: float) -> bool:
        return any(abs(x - v) <= reach for v in stops)

    found = sorted(
        r.pos
        for r in st.hrulings
        if r.b - r.a > tol
        and ys[0] + tol < r.pos < ys[-1] - tol
        and meets(r.a)
        and meets(r.b)
        and all(abs(r.pos - y) > tol for y in ys)
    )
    lines = cluster([*ys, *found], tol)
    out = list(ys)
    for y in cluster(found, tol):
        above = max(v for v in lines if v < y - tol)
        below = min(v for v in lines if v > y + tol)
        crossed = [_covered(st.hrulings, y, a, b, settings, tol) for a, b in pairwise(xs)]
        if any(
            not crossed[c] and _text_over_and_under(segs, (a, b), (above, y, below), tol)
            for c, (a, b) in enumerate(pairwise(xs))
        ):
            continue
        out.append(y)
    return sorted(out)


def _text_over_and_under(
    segs: list[Segment], span: tuple[float, float], band: tuple[float, float, float], tol: float
) -> bool:
    (a, b), (above, y, below) = span, band
    inside = [s for s in segs if a <= s.cx <= b and above <= s.cy <= below]
    return any(s.bottom <= y + tol for s in inside) and any(s.top >= y - tol for s in inside)


def _without_gutters(xs: list[float], segs: list[Segment], settings: TableSettings) -> list[float]:
    """Column rules less the gutters between them: a stretch between two rules that holds no
    text and is narrower than ``gutter`` (white space between the fills of two cells) is
    no column; its two rules are one."""
    if not segs:
        return xs
    sizes = sorted(s.size for s in segs)
    narrow = settings.gutter * sizes[len(sizes) // 2]
    out = [xs[0]]
    for a, b in pairwise(xs):
        if any(overlap(s.x0, s.x1, a, b) > 0 for s in segs) or b - a >= narrow:
            out.append(b)
        elif len(out) == 1:
            out[0] = b  # a gutter at the left edge: the grid begins after it
        elif b < xs[-1]:
            out[-1] = (a + b) / 2  # at the right edge the grid ends before it
    return out


def _without_overshoot(
    xs: list[float], st: Structure, segs: list[Segment], settings: TableSettings
) -> list[float]:
    """Column lines less an edge stretch that only horizontal rules reach into: rules run on
    past the frame's column rule, no vertical rule at their ends and no text between, are
    no column."""
    tol = settings.rule_tolerance

    def bare(a: float, b: float, edge: float) -> bool:
        ruled = any(abs(v.pos - edge) <= tol for v in st.vrulings)
        return not ruled and not any(overlap(s.x0, s.x1, a, b) > 0 for s in segs)

    if len(xs) > 3 and bare(xs[-2], xs[-1], xs[-1]):
        xs = xs[:-1]
    if len(xs) > 3 and bare(xs[0], xs[1], xs[0]):
        xs = xs[1:]
    return xs


def _crowded(segs: list[Segment], xs: list[float], settings: TableSettings) -> bool:
    """Whether the rules leave columns of values together: a printed line of values has two
    segments side by side between the same two column rules, one of them a value. (Lines of
    cells set at different heights can join into one printed line; a cell's lines stand
    above each other there, not side by side; words of a cell's text set apart on its line,
    justified, are no columns.)"""
    for line in printed_lines(segs, settings.row_core):
        if not value_line(line):
            continue
        between = [sum(1 for x in xs if x < s.cx) for s in line]
        if any(
            between[i] == between[j]
            and (is_value(line[i].text) or is_value(line[j].text))
            and _side_by_side(line[i], line[j], settings.row_core)
            for i, j in combinations(range(len(line)), 2)
        ):
            return True
    return False


def _side_by_side(s: Segment, t: Segment, core: float) -> bool:
    """Two segments on one printed line, one beside the other: their cores (their height
    less ``core`` of it above and below) overlap, their x spans do not."""
    pad_s, pad_t = core * (s.bottom - s.top), core * (t.bottom - t.top)
    level = s.top + pad_s < t.bottom - pad_t and t.top + pad_t < s.bottom - pad_s
    return level and overlap(s.x0, s.x1, t.x0, t.x1) == 0


def _stacked(
    segs: list[Segment], ys: list[float], xs: list[float], settings: TableSettings
) -> bool:
    """Whether the rules leave rows of values together: a band between two rules holds
    several printed lines of values, one above the other (the rules part groups of rows, not
    rows): values of one stand over values of the other in two columns, or in the band's
    one column of values. Lines side by side in one band, with no values above each other,
    are the cells of rows the rules part in some columns and a spanning cell holds together
    in the others (a label wrapped over both lines beside them is one cell's text); two
    values over each other in one column of several are one cell of two lines (two amounts
    in one cell), not two rows."""
    lines = printed_lines(segs, settings.row_core)
    bands: dict[int, list[list[Segment]]] = {}
    for line in lines:
        if value_line(line):
            band = sum(1 for y in ys if y < (top(line) + bottom(line)) / 2)
            bands.setdefault(band, []).append(line)

    def column(s: Segment) -> int:
        return sum(1 for x in xs if x < s.cx)

    for group in bands.values():
        valued = {column(s) for line in group for s in line if is_value(s.text)}
        for a, b in combinations(group, 2):
            over = _values_over_each_other(a, b, column)
            if over and len(over) >= min(2, len(valued)):
                return True
    return False


def _values_over_each_other(a: list[Segment], b: list[Segment], column) -> set[int]:
    """The columns in which a value of one line stands over a value of the other."""
    return {
        column(s)
        for s in a
        if is_value(s.text)
        for t in b
        if is_value(t.text) and overlap(s.x0, s.x1, t.x0, t.x1) > 0
    }


def rule_evidence(segs: list[Segment], rows: list[float], settings: TableSettings) -> Evidence:
    """Where a table with horizontal rules ends its header and which rules separate its
    rows: the last rule above its first line of values; the rules between its body lines.
    A table of text alone has its body under its last rule but one."""
    lines = printed_lines(segs, settings.row_core)
    k = first_body_line(lines) if lines else None
    if k is None:
        if not rows:
            return Evidence()
        return Evidence(header_end=rows[-2] if len(rows) > 1 else rows[0])
    first = (top(lines[k]) + bottom(lines[k])) / 2
    last = (top(lines[-1]) + bottom(lines[-1])) / 2
    above = [r for r in rows if r < first]
    return Evidence(
        header_end=max(above) if above else None,
        row_rules=tuple(r for r in rows if first < r < last),
    )


def _text_on_both_sides(
    segs: list[Segment], xs: list[float], ys: list[float], r: int, c: int, settings
) -> bool:
    """Whether the text of a grid cell stands apart on both sides of a column line its rules
    do not draw (rows striped by fills that draw the column edges in every other row): the
    cells are two, not one merged cell."""
    tol = settings.cell_tolerance
    inside = [s for s in segs if ys[r] - tol <= s.cy <= ys[r + 1] + tol]
    left = any(xs[c - 1] - tol <= s.x0 and s.x1 <= xs[c] + tol for s in inside)
    right = any(xs[c] - tol <= s.x0 and s.x1 <= xs[c + 1] + tol for s in inside)
    return left and right


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


def text_across_rules(grid: Grid, segments: list[Segment], layout: PageLayout, settings) -> int:
    """How many cells of a table read by its text's alignment hold text on both sides of a
    column rule the page draws through that cell's row (between the column's bounds, to
    ``rule_tolerance``, and longer than a tick): the reading joined printed cells that the
    rules part, and is not to be published as read. A cell's text is the segments in its
    row and column whose words it holds. Body rows only: heads centred over their columns
    stand where the body's alignment bounds no column (a header misread so is a header's
    fault, the body's figures stay in their cells)."""
    tol = settings.rule_tolerance
    rules = [v for v in layout.vrulings if v.b - v.a > settings.min_vrule_length]
    rows: dict[int, tuple[float, float]] = {}
    for r, _, _, top_y, _, bottom_y in grid.cell_boxes:
        if r < grid.header_rows:
            continue
        a, b = rows.get(r, (top_y, bottom_y))
        rows[r] = (min(a, top_y), max(b, bottom_y))
    crossed = 0
    for r, (top_y, bottom_y) in rows.items():
        cy = (top_y + bottom_y) / 2
        for c, (x0, x1) in enumerate(pairwise(grid.col_bounds)):
            text = grid.cells[r][c] if r < len(grid.cells) and c < len(grid.cells[r]) else ""
            through = [v.pos for v in rules if x0 + tol < v.pos < x1 - tol and v.a <= cy <= v.b]
            if not (text and through):
                continue
            inside = [
                s
                for s in segments_in(segments, (x0, top_y, x1, bottom_y), 0.0)
                if s.text.strip() and s.text.strip() in text
            ]
            if any(
                any(s.x1 <= x + tol for s in inside) and any(s.x0 >= x - tol for s in inside)
                for x in through
            ):
                crossed += 1
    return crossed
