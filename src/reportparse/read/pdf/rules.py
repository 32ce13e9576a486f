"""Rules on a page grouped into the structures of printed tables, and ruled grids read cell
by cell: columns and rows from the rules, merged cells from missing rules."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import TableMethod
from ...text.printed import is_body_row
from .cells import CellNote, Grid, cell_text, cluster, overlap, segments_in
from .geometry import BBox, connected_groups
from .layout import Box, PageLayout, Rule, Segment
from .settings import TABLES, TableSettings


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

    def rows(self, settings: TableSettings) -> list[float]:
        """The y of its rules that run across most of its width (row boundaries)."""
        width = self.x1 - self.x0
        long = [r.pos for r in self.hrules if r.b - r.a > settings.row_rule_length * width]
        return cluster(long, settings.rule_tolerance)

    def ids(self) -> set[int]:
        """Its rules by identity: structures grouped with other settings share them."""
        return {id(r) for r in (*self.hrules, *self.vrules)}


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
        if upper.bottom < s.cy < lower.top and overlap(s.x0, s.x1, upper.x0, upper.x1) > 0
    ]
    outside = settings.text_outside
    if any(s.x0 < upper.x0 - outside or s.x1 > upper.x1 + outside for s in segs):
        return True
    tops = [*sorted(s.top for s in segs), lower.top]
    bottoms = [upper.bottom, *sorted(s.bottom for s in segs)]
    size = max((s.size for s in segs), default=settings.fallback_size)
    return any(t - b > settings.blank_gap * size for t, b in zip(tops, bottoms, strict=True))


def _covered(rules: list[Rule], pos: float, a: float, b: float, settings: TableSettings) -> bool:
    """Whether rules at ``pos`` cover most of the span a..b."""
    span = b - a
    if span <= 0:
        return True
    tol = settings.rule_tolerance
    cover = sum(overlap(r.a, r.b, a, b) for r in rules if abs(r.pos - pos) <= tol)
    return cover >= settings.rule_cover * span


def read_grid(
    segments: list[Segment], st: Structure, settings: TableSettings = TABLES
) -> Grid | None:
    """A ruled grid: cells between the rules, a missing rule joining neighbours into one
    merged cell; rows without text dropped. None where the rules make no grid of two rows
    and two columns."""
    ys = st.rows(settings)
    xs = cluster([v.pos for v in st.vrules], settings.rule_tolerance)
    if len(xs) < 2 or len(ys) < 2:
        return None
    xs[0], xs[-1] = min(xs[0], st.x0), max(xs[-1], st.x1)
    segs = segments_in(segments, (xs[0], ys[0], xs[-1], ys[-1]), settings.cell_tolerance)
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
                owner[r][c] = owner[r - 1][c]
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
        text, markers = cell_text(group, settings)
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
