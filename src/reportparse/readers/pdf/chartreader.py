"""One vector chart's parts, placed by geometry: legend, bars and lines, axes, categories,
and the value labels on them.

The same steps serve every chart kind. A series is known by the fill or stroke colour of its
legend swatch; bars are the filled boxes of a bar series' colour, points the vertices of the
open paths of a line series' colour. Bars stand (or lie) in columns on one baseline; a
category is the axis label under or beside its bars; a value label belongs to the bar
segment it sits in or on, or to the point it is printed next to. Where two readings are
possible, the chart is not guessed: the reader says so (``problems``) or raises
``Unreadable``. The self-check is ``chartcheck``.
"""

from __future__ import annotations

from itertools import pairwise
from math import hypot
from statistics import median

from ...specs.settings import LAYOUT, ChartSettings
from .chartparts import (
    YEAR,
    Area,
    Axis,
    Category,
    Column,
    Element,
    Frame,
    Label,
    Rect,
    Series,
    Unreadable,
    bbox,
    centre,
    fit,
    holds,
    name,
    pitch,
    printed_number,
)
from .layout import Segment, make_segment
from .marks import Colour, Mark


class ChartReader:
    """One chart: its text and its marks, read into series, columns, categories and labels."""

    def __init__(self, texts: list[Segment], marks: list[Mark], settings: ChartSettings):
        self.texts = _rejoined(texts)
        self.marks = marks
        self.s = settings
        self.unit = median(t.size for t in texts) if texts else 0.0
        self.problems: list[str] = []
        self.series: list[Series] = []
        self.used: dict[int, Segment] = {}  # texts read as legend, ticks, categories, labels
        self.frame = Frame(vertical=True)
        self.columns: list[Column] = []
        self.points: list[Element] = []
        self.categories: list[Category] = []
        self.axes: list[Axis] = []
        self.baseline = 0.0
        self.plot: Rect = (0.0, 0.0, 0.0, 0.0)

    @property
    def bars(self) -> list[Element]:
        return [b for c in self.columns for b in c.bars]

    def read(self) -> None:
        """Legend, bars, points, axes and categories; then every label placed."""
        if not self.texts:
            raise Unreadable("the drawing has no text (labels, legend or axes)")
        swatches = self._legend()
        self._drawn_as_lines(swatches)
        bars, self.points = self._bars(swatches), self._points(swatches)
        if not bars and not self.points:
            raise Unreadable("no bars or lines in the drawing")
        self.frame, self.columns = self._columns(bars)
        for p in self.points:
            p.across, p.along = self.frame.across(p), self.frame.along(p)
        self.plot = self._plot_box(bars + self.points)
        self.axes = self._tick_axes()
        self.categories = self._categories()
        self._place(self.bars + self.points)
        if self.frame.vertical:
            self._split_values()
        self._assign_labels()
        for e in self.bars + self.points:
            if e.label is None and e.category is not None:
                self.problems.append(f"no value label for {self.what(e)}")

    # ------------------------------------------------------------ legend and marks

    def _legend(self) -> set[int]:
        """Series from the legend entries (swatch, then text) in reading order; swatch ids."""
        entries = []
        for t in self.texts:
            if printed_number(t.text) and not YEAR.match(t.text.strip()):
                continue  # a number beside a bar is its value label, not a legend entry
            swatch = self._swatch(t)
            if swatch is not None:
                entries.append((t, swatch))
        rows: list[list[tuple[Segment, Mark]]] = []
        for t, m in sorted(entries, key=lambda e: e[0].top):
            if rows and abs(rows[-1][0][0].top - t.top) <= self.s.align * t.size:
                rows[-1].append((t, m))
            else:
                rows.append([(t, m)])
        swatches = set()
        for t, m in (e for row in rows for e in sorted(row, key=lambda e: e[0].x0)):
            series = Series(name(t.text), _colour(m), "line" if m.fill is None else "bar")
            for other in self.series:
                if other.kind == series.kind and self.same(other.colour, series.colour):
                    raise Unreadable(
                        f"legend entries '{other.name}' and '{series.name}' share one colour"
                    )
            self.series.append(series)
            self.used[id(t)] = t
            swatches.add(id(m))
        return swatches

    def _swatch(self, t: Segment) -> Mark | None:
        """The box (a bar series) or short line (a line series) printed right before ``t``."""
        s, best = self.s, None
        cy = (t.top + t.bottom) / 2
        for m in self.marks:
            colour = _colour(m)
            if colour is None or self.white(colour) or abs(m.cy - cy) > s.align * t.size:
                continue
            if m.height > s.swatch_height * t.size or m.width > s.swatch_width * t.size:
                continue
            gap = t.x0 - m.x1
            if not -s.overlap * t.size <= gap <= s.legend_gap * t.size:
                continue
            line = m.fill is None and m.height <= s.thin * t.size
            box = m.kind == "rect" and m.fill is not None
            if (line or box) and (best is None or gap < best[0]):
                best = (gap, m)  # a marker on a line swatch is neither: the line names it
        return None if best is None else best[1]

    def _strokes(self, swatches: set[int]) -> list[Mark]:
        """The open stroked paths that are no legend swatch: lines, axes, gridlines."""
        return [
            m
            for m in self.marks
            if m.fill is None
            and m.stroke is not None
            and len(m.pts) >= 2
            and m.pts[0] != m.pts[-1]  # a closed path is a marker or a shape
            and id(m) not in swatches
        ]

    def _drawn_as_lines(self, swatches: set[int]) -> None:
        """A series whose legend shows a box but whose colour is drawn as a bent line is a
        line series (a legend of coloured boxes over a line chart)."""
        bent = [m for m in self._strokes(swatches) if len(m.pts) > 2 and m.width and m.height]
        for se in self.series:
            if se.kind == "bar" and any(self.same(m.stroke, se.colour) for m in bent):
                se.kind = "line"

    def _markers(self, swatches: set[int]) -> list[tuple[float, float, Colour]]:
        """The vertices of the lines of line series: a small box of a line's colour centred
        on one is the point's marker, not a bar."""
        lines = [se.colour for se in self.series if se.kind == "line"]
        return [
            (x, y, m.stroke)
            for m in self._strokes(swatches)
            if any(self.same(m.stroke, c) for c in lines)
            for x, y in m.pts
        ]

    def _bars(self, swatches: set[int]) -> list[Element]:
        """Filled boxes of a bar series' colour; with no legend, one unnamed series."""
        boxes = [
            m
            for m in self.marks
            if m.kind == "rect"
            and m.fill is not None
            and not self.white(m.fill)
            and id(m) not in swatches
        ]
        boxes = [b for b in boxes if not any(holds(o, b) for o in boxes if o is not b)]
        vertices = self._markers(swatches)
        small = self.s.swatch_size * self.unit
        boxes = [
            b
            for b in boxes
            if not (
                max(b.width, b.height) <= small
                and any(
                    b.x0 <= x <= b.x1 and b.top <= y <= b.bottom and self.same(c, b.fill)
                    for x, y, c in vertices
                )
            )
        ]
        if boxes and not self.series:
            self.series.append(Series("", None, "bar"))
        out = []
        for b in boxes:
            for i, se in enumerate(self.series):
                if se.kind == "bar" and (se.colour is None or self.same(se.colour, b.fill)):
                    out.append(Element(i, b.x0, b.top, b.x1, b.bottom))
                    break
        return out

    def _points(self, swatches: set[int]) -> list[Element]:
        """The vertices of the open paths of a line series' colour; with no legend and no
        bars, one bent line is one unnamed series."""
        strokes = self._strokes(swatches)
        if not self.series:
            bent = {m.stroke for m in strokes if len(m.pts) > 2 and m.width and m.height}
            if len(bent) == 1:
                self.series.append(Series("", bent.pop(), "line"))
        out = []
        for i, se in enumerate(self.series):
            if se.kind == "line":
                pts = {(x, y) for m in strokes if self.same(m.stroke, se.colour) for x, y in m.pts}
                out += [Element(i, x, y, x, y) for x, y in sorted(pts)]
        return out

    # ------------------------------------------------------------ geometry

    def _columns(self, bars: list[Element]) -> tuple[Frame, list[Column]]:
        """The bars as columns on one baseline, standing up or lying down; a line chart runs
        left to right. Where both ways fit (one bar or stack), along its longer side."""
        if not bars:
            return Frame(vertical=True), []
        readings = {v: self._stacks(bars, Frame(v)) for v in (True, False)}
        fits = [v for v, columns in readings.items() if columns is not None]
        if not fits:
            raise Unreadable("the bars stand on no common baseline")
        x0, top, x1, bottom = bbox(bars)
        vertical = fits[0] if len(fits) == 1 else bottom - top >= x1 - x0
        frame = Frame(vertical)
        for b in bars:
            b.across, b.along = frame.across(b), frame.along(b)
        self.baseline, columns = readings[vertical]
        return frame, columns

    def _stacks(self, bars: list[Element], frame: Frame) -> tuple[float, list[Column]] | None:
        """(baseline, columns) if the bars read this way stand in columns of touching
        segments, side by side, all on one baseline; else None."""
        tol = self.s.join_tolerance * self.unit
        groups: list[list[Element]] = []
        for b in sorted(bars, key=frame.across):
            lo, hi = frame.across(b)
            edge = self.s.edge_tolerance * (hi - lo)
            if groups:
                g0, g1 = frame.across(groups[-1][0])
                if abs(g0 - lo) <= edge and abs(g1 - hi) <= edge:
                    groups[-1].append(b)
                    continue
                if lo < g1 - edge:
                    return None  # columns overlap
            groups.append([b])
        for g in groups:
            g.sort(key=lambda b: frame.along(b)[0])
            if any(abs(frame.along(a)[1] - frame.along(b)[0]) > tol for a, b in pairwise(g)):
                return None
        ends = [frame.along(g[0])[0] for g in groups] + [frame.along(g[-1])[1] for g in groups]
        base = max(ends, key=lambda e: sum(abs(e - f) <= tol for f in ends))
        columns = []
        for g in groups:
            if abs(frame.along(g[0])[0] - base) <= tol:
                columns.append(Column(g, 1))
            elif abs(frame.along(g[-1])[1] - base) <= tol:
                columns.append(Column(g[::-1], -1))
            else:
                return None
        return base, columns

    def _plot_box(self, elements: list[Element]) -> Rect:
        """The data's box widened by the axis lines and gridlines drawn across it: lines of
        one length side by side (a lone line, such as a table's rule nearby, is not one)."""
        x0, top, x1, bottom = box = bbox(elements)
        share, thin = self.s.gridline_share, self.s.thin * self.unit
        flat = [
            m
            for m in self.marks
            if m.height <= thin and m.width >= share * (x1 - x0) and m.x0 <= x1 and m.x1 >= x0
        ]
        upright = [
            m
            for m in self.marks
            if m.width <= thin
            and m.height >= share * (bottom - top)
            and m.top <= bottom
            and m.bottom >= top
        ]
        for family, ends in ((flat, _x_ends), (upright, _y_ends)):
            for m in family:
                if any(o is not m and _same_ends(ends(o), ends(m), thin) for o in family):
                    box = bbox([Area(*box), m])
        return box

    # ------------------------------------------------------------ text

    def free(self) -> list[Segment]:
        """The texts not yet read as a part of the chart."""
        return [t for t in self.texts if id(t) not in self.used]

    def _tick_axes(self) -> list[Axis]:
        """Columns (for standing bars) or rows of numbers beside the plot that are linear in
        their position: value axes. Category labels are never numbers of such a run."""
        x0, top, x1, bottom = self.plot
        vertical = self.frame.vertical
        side = []
        for t in self.free():
            if printed_number(t.text) is None:
                continue
            cx, cy = centre(t)
            pad = self.s.align * t.size
            if vertical:
                beside = (t.x1 <= x0 + pad or t.x0 >= x1 - pad) and top - pad <= cy <= bottom + pad
            else:
                beside = (
                    t.top >= bottom - pad or t.bottom <= top + pad
                ) and x0 - pad <= cx <= x1 + pad
            if beside:
                side.append(t)
        span = (lambda t: (t.x0, t.x1)) if vertical else (lambda t: (t.top, t.bottom))
        runs: list[list[Segment]] = []
        for t in sorted(side, key=lambda t: span(t)[0]):
            if runs and span(t)[0] <= max(span(u)[1] for u in runs[-1]):
                runs[-1].append(t)
            else:
                runs.append([t])
        axes = []
        for run in runs:
            axis = self._axis(run)
            if axis is not None:
                axes.append(axis)
                self.used.update((id(t), t) for t in run)
        return axes

    def _axis(self, texts: list[Segment]) -> Axis | None:
        if len(texts) < self.s.min_ticks:
            return None
        size = median(t.size for t in texts)
        ticks = sorted((*self._tick_position(t), printed_number(t.text).value) for t in texts)
        values = [v for _, _, v in ticks]
        if any(b <= a for a, b in pairwise(values)):
            return None
        origin, per_unit = fit(values, [p for p, _, _ in ticks])
        error = max(abs(p - origin - per_unit * v) for p, _, v in ticks)
        if error > self.s.tick_tolerance * size:
            return None
        if not all(snapped for _, snapped, _ in ticks):
            error += self.s.tick_tolerance * size  # a label's centre may sit off its tick
        return Axis(origin, per_unit, error)

    def _tick_position(self, t: Segment) -> tuple[float, bool]:
        """Along position of a tick label: of the tick mark or gridline beside it (True), or
        else of the label's centre (False)."""
        cx, cy = centre(t)
        reach, near = self.s.tick_tolerance * t.size, self.s.text_reach * t.size
        thin = self.s.thin * t.size
        best = None
        for m in self.marks:
            if self.frame.vertical:
                beside = m.height <= thin and m.x0 - near <= t.x1 and t.x0 <= m.x1 + near
                off, pos = abs(m.cy - cy), -m.cy
            else:
                beside = m.width <= thin and m.top - near <= t.bottom and t.top <= m.bottom + near
                off, pos = abs(m.cx - cx), m.cx
            if beside and off <= reach and (best is None or off < best[0]):
                best = (off, pos)
        if best is not None:
            return best[1], True
        return (-cy if self.frame.vertical else cx), False

    def _categories(self) -> list[Category]:
        """The axis labels under the plot (or left of it), wrapped lines joined, in order."""
        x0, top, x1, bottom = self.plot
        if self.frame.vertical:
            self._split_labels()
        near = []
        for t in self.free():
            cx, cy = centre(t)
            lo, hi = self.s.overlap * t.size, self.s.category_reach * t.size
            if self.frame.vertical:
                ok = x0 <= cx <= x1 and bottom - lo <= t.top <= bottom + hi
            else:
                ok = top <= cy <= bottom and x0 - hi <= t.x1 <= x0 + lo
            if ok:
                near.append(t)
        if not near:
            raise Unreadable("no category labels beside the bars or points")
        if self.frame.vertical:
            first = min(t.top for t in near)
            row = sorted((t for t in near if t.top - first <= self.s.align * t.size), key=_x0)
            blocks = self._wrapped_below([[t] for t in row])
        else:
            blocks = self._wrapped_rows(sorted(near, key=lambda t: t.top))
        cats = []
        for block in blocks:
            self.used.update((id(t), t) for t in block)
            middle = sum(self.frame.across(Area(*bbox(block)))) / 2
            cats.append(Category(name(" ".join(t.text for t in block)), middle, block))
        return sorted(cats, key=lambda c: c.centre)

    def _slots(self) -> list[float]:
        """The places of the category axis that hold bars or points: the middles of the
        columns and points that stand together (a group of bars, a bar with its point)."""
        spans = sorted([c.across for c in self.columns] + [p.across for p in self.points])
        tol = self.s.join_tolerance * self.unit
        merged: list[list[float]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1] + tol:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [(lo + hi) / 2 for lo, hi in merged]

    def _split_labels(self) -> None:
        """A run of text under the plot that spans the places of two or more categories is
        their labels set close (a producer writes them as one line): its words go to the
        category they are nearest."""
        below = self.plot[3]
        self.texts = self._split_at(self._slots(), lambda t: t.top >= below, lambda p: True)

    def _split_values(self) -> None:
        """A run of text over standing bars that spans two or more columns' middles is their
        value labels set close: split where each part is a number centred on its column."""
        columns = [sum(c.across) / 2 for c in self.columns]
        self.texts = self._split_at(
            columns, lambda t: printed_number(t.text) is None, lambda p: printed_number(p.text)
        )

    def _split_at(self, slots: list[float], which, each) -> list[Segment]:
        """The free texts that ``which`` takes and that span two or more of ``slots`` split
        into the words nearest each slot, where every part is centred on its slot and is
        what ``each`` asks; every other text as it is."""
        out = []
        for t in self.texts:
            inside = [c for c in slots if t.x0 < c < t.x1]
            if len(inside) < 2 or id(t) in self.used or not which(t):
                out.append(t)
                continue
            groups: list[tuple[float, list]] = []
            for word in _words(t):
                mid = (word[0].x0 + word[-1].x1) / 2
                slot = min(slots, key=lambda c, mid=mid: abs(c - mid))
                if groups and groups[-1][0] == slot:
                    groups[-1][1].extend(word)
                else:
                    groups.append((slot, list(word)))
            pieces = [(slot, make_segment(glyphs)) for slot, glyphs in groups]
            if all(
                abs(centre(p)[0] - slot) <= self.s.align * p.size and each(p) for slot, p in pieces
            ):
                out += [p for _, p in pieces]
            else:  # a label not centred on its bars: the split is not proved
                out.append(t)
        return out

    def _wrapped_below(self, blocks: list[list[Segment]]) -> list[list[Segment]]:
        """A line printed right under a category label, centred on it, continues it."""
        step = pitch([centre(b[0])[0] for b in blocks]) or float("inf")
        for block in blocks:
            while True:
                last = block[-1]
                below = [
                    t
                    for t in self.free()
                    if t not in block
                    and self._next_line(last, t)
                    and abs(centre(t)[0] - centre(last)[0]) <= self.s.align * t.size
                    and t.x1 - t.x0 <= step
                ]
                if len(below) != 1:
                    break
                block.append(below[0])
        return blocks

    def _wrapped_rows(self, texts: list[Segment]) -> list[list[Segment]]:
        """Beside lying bars: lines one under the other, single-spaced, are one label."""
        blocks: list[list[Segment]] = []
        for t in texts:
            if blocks and self._next_line(blocks[-1][-1], t):
                blocks[-1].append(t)
            else:
                blocks.append([t])
        return blocks

    def _next_line(self, last: Segment, t: Segment) -> bool:
        return self.s.align * t.size <= t.bottom - last.bottom <= self.s.line_gap * t.size

    # ------------------------------------------------------------ placing

    def _place(self, elements: list[Element]) -> None:
        """Each bar and point belongs to the category label nearest it on the category axis,
        within half the distance to the next label; one per series and category."""
        centres = [c.centre for c in self.categories]
        for e in elements:
            mid = sum(e.across) / 2
            k = min(range(len(centres)), key=lambda i: abs(centres[i] - mid))
            next_label = min(
                (abs(c - centres[k]) for i, c in enumerate(centres) if i != k), default=None
            )
            if next_label is None or abs(centres[k] - mid) <= next_label / 2:
                e.category = k
            else:
                self.problems.append(f"{self.what(e)} is under no category label")
        seen: set[tuple[int, int]] = set()
        for e in elements:
            key = (e.series, e.category)
            if e.category is not None and key in seen:
                series = self.series[e.series].name
                of = f" of '{series}'" if series else ""
                raise Unreadable(f"two {self._noun(e.series)}s{of} in '{self.cat(e.category)}'")
            seen.add(key)

    def _assign_labels(self) -> None:
        """Each remaining number goes to the segment it sits in or on, or to the point it labels.

        A label with one reading is placed first; a bar or point holds one label, so a label
        with two readings whose other target is taken has one reading left.
        """
        pending = []
        for t in self.free():
            number = printed_number(t.text)
            if number is None:
                continue
            label = Label(t, number)
            found = sorted(self._candidates(label), key=lambda f: f[0])
            if found:
                pending.append((label, found))
                self.used[id(t)] = t
            elif self._in_plot(t):
                self.problems.append(f"the label '{t.text}' belongs to no bar or point")
                self.used[id(t)] = t
        taken: dict[int, Label] = {}
        placed, by_scale = True, False
        while placed or not by_scale:
            if not placed:  # the labels placed so far give the scales; a label that fits
                by_scale = True  # only one of its readings' scales has that one
            placed = False
            scales = self._scales() if by_scale else None
            for item in list(pending):
                label, found = item
                free = [f for f in found if id(f[2]) not in taken]
                choice = self._choice(label, free)
                if choice is None and scales is not None:
                    choice = self._by_scale(label, free, scales)
                if choice is not None:
                    _, kind, target = choice
                    taken[id(target)] = label
                    if kind == "total":
                        target.total = label
                    else:
                        target.label = label
                    pending.remove(item)
                    placed = True
        pending = self._by_order(pending, taken)
        for label, found in pending:
            free = [f for f in found if id(f[2]) not in taken]
            text = label.text.text
            if free:
                rivals = " or ".join(self.what(target) for _, _, target in free[:2])
                self.problems.append(f"the label '{text}' could belong to {rivals}")
            else:
                target = found[0][2]
                first = taken[id(target)].text.text
                self.problems.append(f"{self.what(target)} has two labels, '{first}' and '{text}'")
        for c in self.columns:
            if c.total is not None and len(c.bars) == 1 and c.bars[0].label is None:
                c.bars[0].label, c.total = c.total, None  # a lone bar's end label is its value

    def _candidates(self, label: Label) -> list[tuple]:
        """(distance, kind, target) for every reading of the label's place: in a segment, on
        the end of a column (a total, or a lone bar's value), next to a point."""
        t, size = label.text, label.text.size
        mid = sum(self.frame.across(t)) / 2
        lo, hi = self.frame.along(t)
        middle = (lo + hi) / 2
        out: list[tuple] = []
        across_lo, across_hi = self.frame.across(t)
        reach = self.s.label_reach * size
        over_none = not any(c.across[0] <= mid <= c.across[1] for c in self.columns)
        for col in self.columns:
            if not col.across[0] <= mid <= col.across[1]:
                gap = max(across_lo - col.across[1], col.across[0] - across_hi)
                if over_none and -self.s.overlap * size <= gap <= reach:  # beside a segment
                    out += [  # too small to hold it, in the free space beside the column
                        (max(gap, 0.0), "bar", b)
                        for b in col.bars
                        if b.along[0] <= hi and lo <= b.along[1]
                    ]
                continue
            inside = [b for b in col.bars if b.along[0] <= middle <= b.along[1]]
            out += [(0.0, "bar", b) for b in inside]
            gap = lo - col.end if col.sign > 0 else col.end - hi
            beyond = (middle - col.end) * col.sign > 0
            if not inside and beyond and -self.s.overlap * size <= gap <= self.s.label_reach * size:
                out.append((max(gap, 0.0), "total", col))
        for p in self.points:
            dx = max(t.x0 - p.x0, 0.0, p.x0 - t.x1)
            dy = max(t.top - p.top, 0.0, p.top - t.bottom)
            d = hypot(dx, dy)
            if d <= self.s.point_reach * size:
                out.append((d, "point", p))
        return out

    def _by_order(self, pending: list, taken: dict[int, Label]) -> list:
        """Two labels that could each belong to either of the same two points (two lines
        meeting in one category): on the one value axis the larger value is the point
        further along; equal labels print the same cell either way. Returns what is left."""
        pairs: dict[tuple, list] = {}
        for item in pending:
            free = [f for f in item[1] if id(f[2]) not in taken]
            if len(free) == 2 and all(kind == "point" for _, kind, _ in free):
                pairs.setdefault(tuple(sorted(id(f[2]) for f in free)), []).append((item, free))
        if len(self.axes) != 1:
            return pending
        for twins in pairs.values():
            if len(twins) != 2:
                continue
            points = sorted((f[2] for f in twins[0][1]), key=lambda p: p.along[0])
            labels = sorted((item[0] for item, _ in twins), key=lambda lb: lb.value)
            same = labels[0].text.text.split() == labels[1].text.text.split()
            lo, hi = self.frame.along(Area(*self.plot))
            apart = points[1].along[0] - points[0].along[0] > self.s.drawing_tolerance * (hi - lo)
            if not (same or (apart and labels[0].value < labels[1].value)):
                continue
            for p, label in zip(points, labels, strict=True):
                p.label = label
                taken[id(p)] = label
            pending = [item for item in pending if all(item is not t[0] for t in twins)]
        return pending

    def _measure(self, kind: str, target) -> float:
        """Where a label's value is drawn: a bar segment's length, a stack's length from
        the baseline, a point's place along the value axis."""
        if kind == "point":
            return target.along[0]
        if kind == "total":
            return target.end - self.baseline
        return target.along[1] - target.along[0]

    def _scales(self) -> dict:
        """The scales the placed labels give: one through zero for bars ("bar"), a free one
        per line series; each only where two different values fix it."""
        bars = [(b.label.value, self._measure("bar", b)) for b in self.bars if b.label]
        bars += [(c.total.value, self._measure("total", c)) for c in self.columns if c.total]
        out = {}
        if len({v for v, _ in bars}) >= 2:
            out["bar"] = (0.0, sum(v * m for v, m in bars) / sum(v * v for v, _ in bars))
        for i, se in enumerate(self.series):
            mine = [(p.label.value, p.along[0]) for p in self.points if p.series == i and p.label]
            if se.kind == "line" and len({v for v, _ in mine}) >= 2:
                out[i] = fit([v for v, _ in mine], [m for _, m in mine])
        return out

    def _by_scale(self, label: Label, found: list[tuple], scales: dict) -> tuple | None:
        """The one reading whose mark the label's value gives on its scale (to the label's
        rounding and the drawing's precision), where every other reading is off by more than
        twice that; None while a reading has no scale yet or two are close."""
        offs = []
        lo, hi = self.frame.along(Area(*self.plot))
        for f in found:
            _, kind, target = f
            key = target.series if kind == "point" else "bar"
            if key not in scales:
                return None
            origin, per_unit = scales[key]
            tol = self.s.drawing_tolerance * (hi - lo) + abs(per_unit) * label.number.half
            offs.append((abs(self._measure(kind, target) - origin - per_unit * label.value), tol))
        fitting = [f for f, (off, tol) in zip(found, offs, strict=True) if off <= tol]
        if len(fitting) != 1:
            return None
        margin = self.s.scale_margin
        others = [off > margin * tol for f, (off, tol) in zip(found, offs, strict=True)
                  if f is not fitting[0]]  # fmt: skip
        return fitting[0] if all(others) else None

    def _choice(self, label: Label, found: list[tuple]) -> tuple | None:
        """The one reading of a label's place, or None while two are possible."""
        if len(found) == 1:
            return found[0]
        points = len(found) > 1 and all(kind == "point" for _, kind, _ in found)
        if points and found[1][0] - found[0][0] >= self.s.point_margin * label.text.size:
            return found[0]
        return None

    def _in_plot(self, t: Segment) -> bool:
        cx, cy = centre(t)
        x0, top, x1, bottom = self.plot
        return x0 <= cx <= x1 and top <= cy <= bottom

    # ------------------------------------------------------------ the table as printed

    def table(self) -> tuple[list[list[str]], list[tuple[int, int, str, Rect, Rect]]]:
        """The cells (stub header empty, one column per series, one row per category) and
        every label's reading: (row, col, text, element box, label box); a stack's total
        has col 0 and the whole stack as its element."""
        elements = self.bars + self.points
        cells = [["", *(se.name for se in self.series)]]
        cells += [[c.text] + [""] * len(self.series) for c in self.categories]
        readings = []
        for e in elements:
            if e.category is not None and e.label is not None:
                text = " ".join(e.label.text.text.split())
                cells[e.category + 1][e.series + 1] = text
                readings.append((e.category + 1, e.series + 1, text, e.box, e.label.box))
        for c in self.columns:
            if c.category is not None and c.total is not None:
                text = " ".join(c.total.text.text.split())
                readings.append((c.category + 1, 0, text, c.box, c.total.box))
        for i, se in enumerate(self.series):
            if not any(e.series == i for e in elements):
                self.problems.append(f"no bars or points of '{se.name}'")
        for k, c in enumerate(self.categories):
            if not any(e.category == k for e in elements):
                self.problems.append(f"no bars or points in '{c.text}'")
        return cells, readings

    def kind(self) -> str:
        """What the chart is: "stacked vertical bars", "vertical bars and line", ..."""
        parts = []
        if self.columns:
            stacked = any(len(c.bars) > 1 for c in self.columns)
            grouped = len({c.category for c in self.columns}) < len(self.columns)
            shape = "stacked " if stacked else "grouped " if grouped else ""
            parts.append(shape + ("vertical bars" if self.frame.vertical else "horizontal bars"))
        if self.points:
            parts.append("lines" if len({p.series for p in self.points}) > 1 else "line")
        return " and ".join(parts)

    # ------------------------------------------------------------ words

    def cat(self, k: int | None) -> str:
        return self.categories[k].text if k is not None else "?"

    def _noun(self, series: int) -> str:
        return "point" if self.series[series].kind == "line" else "bar"

    def what(self, e: Element | Column) -> str:
        """How a message names a bar, a point or a column."""
        if isinstance(e, Column):
            return f"the end of the column '{self.cat(e.category)}'"
        series = self.series[e.series].name
        of = f" of '{series}'" if series else ""
        return f"the {self._noun(e.series)}{of} in '{self.cat(e.category)}'"

    def same(self, a: Colour | None, b: Colour | None) -> bool:
        if a is None or b is None:
            return False
        return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= self.s.colour_tolerance

    def white(self, c: Colour) -> bool:
        return min(c) >= self.s.white


def _x_ends(m: Mark) -> tuple[float, float]:
    return m.x0, m.x1


def _y_ends(m: Mark) -> tuple[float, float]:
    return m.top, m.bottom


def _same_ends(a: tuple[float, float], b: tuple[float, float], tol: float) -> bool:
    return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


def _rejoined(texts: list[Segment]) -> list[Segment]:
    """The texts with a run that a gridline or an axis cut in two made one again (a label
    across a gridline): two runs on one baseline, less than a space apart."""
    out: list[Segment] = []
    for t in sorted(texts, key=lambda t: (round(t.bottom, 1), t.x0)):
        last = out[-1] if out else None
        if (
            last is not None
            and abs(last.bottom - t.bottom) <= LAYOUT.word_gap * t.size
            and -LAYOUT.word_gap * t.size <= t.x0 - last.x1 <= LAYOUT.segment_gap * t.size
            and last.size == t.size
        ):
            out[-1] = make_segment(last.glyphs + t.glyphs)
        else:
            out.append(t)
    return out


def _words(t: Segment) -> list[list]:
    """The words of a run of text: its glyphs split where a space is printed."""
    words: list[list] = []
    last = None
    for g in t.glyphs:
        if g.text.isspace():
            last = None
            continue
        if last is None or g.x0 - last.x1 > LAYOUT.word_gap * g.size:
            words.append([])
        words[-1].append(g)
        last = g
    return words


def _x0(t: Segment) -> float:
    return t.x0


def _colour(m: Mark) -> Colour | None:
    return m.fill if m.fill is not None else m.stroke
