"""A chart as SVG: bars, stacks, lines, and bars with a line on a second axis, standing or
lying, with value labels, category labels, a legend and tick labels, drawn as rectangles,
as paths, or as paths in transformed and clipped groups (``Layout.svg_drawing``)."""

from __future__ import annotations

import math
from html import escape

from .compose import PrintedFigure, Printer
from .layout import Layout

W, H = 520.0, 300.0
TOP, BOTTOM = 44.0, 236.0  # the plot's top and its baseline
PALETTE = ["#1f5f8b", "#e07b39", "#5aa469", "#8e5ea2"]
LABEL = 10.0  # font size of labels (px)
EM_WIDTH = 0.6  # (ems) a digit's width or a little more: how wide a label is printed
WIDE = {"%": 1.0}  # (ems) wider signs
LABEL_FILL = 0.8  # the share of a bar's width a label over it may take: a gap to the next


class Canvas:
    def __init__(self, lay: Layout, ident: str):
        self.lay = lay
        self.ident = ident
        self.shapes: list[str] = []  # drawn in the plot's group
        self.texts: list[str] = []

    def bar(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        """A bar from (x, y) top-left, in page coordinates."""
        if self.lay.svg_drawing == "rects":
            self.shapes.append(
                f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}"/>'
            )
        elif self.lay.svg_drawing == "paths":
            self.shapes.append(
                f'<path d="M{x:.2f} {y:.2f}h{w:.2f}v{h:.2f}h{-w:.2f}Z" fill="{fill}"/>'
            )
        else:  # in a group that puts the origin on the baseline, y upwards
            self.shapes.append(
                f'<path d="M{x:.2f} {BOTTOM - y - h:.2f}h{w:.2f}v{h:.2f}h{-w:.2f}Z" fill="{fill}"/>'
            )

    def line(self, points: list[tuple[float, float]], colour: str, width: float = 2.0) -> None:
        if self.lay.svg_drawing == "transformed":
            points = [(x, BOTTOM - y) for x, y in points]
        d = "M" + "L".join(f"{x:.2f} {y:.2f}" for x, y in points)
        self.shapes.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"/>')

    def text(
        self, x: float, y: float, s: str, anchor: str = "middle", size: float = LABEL, **style: str
    ) -> None:
        extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in style.items())
        body = escape(s)
        if self.lay.svg_drawing == "transformed" and anchor == "start" and " " in s.strip():
            # the words as separate runs of glyphs; the space kept (LibreOffice drops a
            # run's leading space otherwise), and only where the runs start at ``x``
            # (LibreOffice anchors each run of a centred or right-aligned text on its own,
            # printing the runs over each other)
            first, rest = s.split(" ", 1)
            body = f"<tspan>{escape(first)}</tspan><tspan> {escape(rest)}</tspan>"
            extra += ' xml:space="preserve"'
        self.texts.append(
            f'<text x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}" font-size="{size:.2f}"'
            f"{extra}>{body}</text>"
        )

    def svg(self) -> str:
        shapes = "".join(self.shapes)
        if self.lay.svg_drawing == "transformed":
            clip = f"clip-{self.ident}"
            shapes = (
                f'<defs><clipPath id="{clip}"><rect x="0" y="0" width="{W}" height="{BOTTOM}"/>'
                f'</clipPath></defs><g clip-path="url(#{clip})"><g transform="translate(0 '
                f'{BOTTOM}) scale(1 -1)">{shapes}</g></g>'
            )
        font = escape(self.lay.font)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{W:.0f}" height="{H:.0f}" '
            f'viewBox="0 0 {W:.0f} {H:.0f}" font-family="{font}">'
            f'<rect x="0" y="0" width="{W}" height="{H}" fill="white"/>'
            f"{shapes}{''.join(self.texts)}</svg>"
        )


def _ems(label: str) -> float:
    """How wide a label is printed, in ems, a little more rather than less."""
    return sum(WIDE.get(ch, EM_WIDTH) for ch in label)


def nice_max(v: float) -> tuple[float, float]:
    """An axis maximum above ``v`` and its tick step."""
    raw = max(v, 1) / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    return step * math.ceil(v * 1.15 / step), step


def chart(fig: PrintedFigure, lay: Layout) -> str:
    c = Canvas(lay, fig.table_id.replace(".", "-"))
    p = Printer(lay)
    if fig.kind in ("grouped-horizontal", "stacked-horizontal"):
        _lying(c, fig, p)
    else:
        _standing(c, fig, p)
    _legend(c, fig)
    return c.svg()


def _tick(p: Printer, v: float, percent: bool) -> str:
    n = round(v)
    return f"{n}{p.lay.percent_space}%" if percent else p.count(n)


def _standing(c: Canvas, fig: PrintedFigure, p: Printer) -> None:
    second = fig.line_series is not None
    left, right = 70.0, (W - 70.0 if second else W - 30.0)
    n = len(fig.categories)
    band = (right - left) / n
    stacked = fig.kind.startswith("stacked")
    lines = fig.kind == "lines"
    bars = [s for s in range(len(fig.series)) if s != fig.line_series and not lines]
    if stacked:
        top_value = max(sum(vs[i] for vs in fig.values) for i in range(n))
    else:
        top_value = max(max(fig.values[s]) for s in range(len(fig.series)) if s in bars or lines)
    vmax, step = nice_max(top_value * (1.8 if second else 1.0))
    scale = (BOTTOM - TOP) / vmax
    percent = not second  # the bars of a chart with a second axis are counts
    v = 0.0
    while v <= vmax + 1e-9:
        y = BOTTOM - v * scale
        c.line([(left, y), (right, y)], "#d0d0d0", 0.5)
        c.text(left - 6, y + 3.5, _tick(p, v, percent), "end", fill="#404040")
        v += step
    for i, cat in enumerate(fig.categories):
        c.text(left + band * (i + 0.5), BOTTOM + 16, cat, fill="#202020")
    if lines:
        for s in range(len(fig.series)):
            _line(c, fig, s, left, band, scale, above=_uppermost(fig, s))
        return
    width = band * (0.5 if stacked else 0.7 / len(bars))
    for i in range(n):
        cx = left + band * (i + 0.5)
        base = BOTTOM
        beside = -math.inf  # the top of the last label set beside the column on its right
        for k, s in enumerate(bars):
            h = fig.values[s][i] * scale
            label = fig.labels[s][i]
            if stacked:
                x = cx - width / 2
                c.bar(x, base - h, width, h, PALETTE[s])
                if h >= 14:
                    c.text(cx, base - h / 2 + 3.5, label, fill="white")
                elif base - h / 2 + 3.5 > beside - LABEL:  # clear of the one beside it
                    c.text(x + width + 3, base - h / 2 + 3.5, label, "start", fill="#202020")
                    beside = base - h / 2 + 3.5 - LABEL
                else:  # on the left, where the right holds the label below
                    c.text(x - 3, base - h / 2 + 3.5, label, "end", fill="#202020")
                base -= h
            else:
                x = cx - band * 0.35 + k * width
                c.bar(x, BOTTOM - h, width, h, PALETTE[s])
                if second and h >= 16:  # inside the bar at its base, below the line's labels
                    c.text(x + width / 2, BOTTOM - 5, label, fill="white")
                else:  # over the bar, set smaller where the bar is narrower than the label
                    size = min(LABEL, LABEL_FILL * width / _ems(label))
                    c.text(x + width / 2, BOTTOM - h - 4, label, size=size, fill="#202020")
        if fig.totals:
            c.text(cx, base - 5, fig.totals[i], font_weight="bold", fill="#000000")
    if second:
        rmax, rstep = 100.0, 20.0
        rscale = (BOTTOM - TOP) / rmax
        if c.lay.chart_ages == "bars-line":
            v = 0.0
            while v <= rmax + 1e-9:
                c.text(
                    right + 6, BOTTOM - v * rscale + 3.5, _tick(p, v, True), "start", fill="#404040"
                )
                v += rstep
        _line(c, fig, fig.line_series, left, band, rscale, above=[True] * n)


def _uppermost(fig: PrintedFigure, s: int) -> list[bool]:
    """Per category, whether series ``s`` is the higher point: its label goes above it, the
    other's below, so that no label stands between the two lines."""
    return [
        all(v > o[i] or (v == o[i] and s == 0) for k, o in enumerate(fig.values) if k != s)
        for i, v in enumerate(fig.values[s])
    ]


def _line(c, fig, s, left, band, scale, above: list[bool]) -> None:
    pts = [(left + band * (i + 0.5), BOTTOM - v * scale) for i, v in enumerate(fig.values[s])]
    c.line(pts, PALETTE[s])
    for (x, y), label, up in zip(pts, fig.labels[s], above, strict=True):
        c.bar(x - 3, y - 3, 6, 6, PALETTE[s])
        if up:
            c.text(x, y - 8, label, fill="#202020")
        elif y + 16 <= BOTTOM - 2:
            c.text(x, y + 16, label, fill="#202020")
        else:  # no room under the point above the axis: beside it
            c.text(x + 6, y + 3.5, label, "start", fill="#202020")


def _lying(c: Canvas, fig: PrintedFigure, p: Printer) -> None:
    left, right = 150.0, W - 50.0
    n = len(fig.categories)
    band = (BOTTOM - TOP) / n
    stacked = fig.kind.startswith("stacked")
    if stacked:
        top_value = max(sum(vs[i] for vs in fig.values) for i in range(n))
    else:
        top_value = max(max(vs) for vs in fig.values)
    vmax, step = nice_max(top_value)
    scale = (right - left) / vmax
    v = 0.0
    while v <= vmax + 1e-9:
        x = left + v * scale
        c.line([(x, TOP), (x, BOTTOM)], "#d0d0d0", 0.5)
        c.text(x, BOTTOM + 14, _tick(p, v, True), fill="#404040")
        v += step
    k = len(fig.series)
    height = band * (0.45 if stacked else 0.7 / k)
    for i, cat in enumerate(fig.categories):
        cy = TOP + band * (i + 0.5)
        c.text(left - 8, cy + 3.5, cat, "end", fill="#202020")
        start = left
        above = -math.inf  # where the last label set over the bar ends
        for s in range(k):
            w = fig.values[s][i] * scale
            label = fig.labels[s][i]
            if stacked:
                y = cy - height / 2
                c.bar(start, y, w, height, PALETTE[s])
                half = LABEL * _ems(label) / 2
                if w >= 34:
                    c.text(start + w / 2, cy + 3.5, label, fill="white")
                elif start + w / 2 - half > above + 2:  # over the bar, clear of the last
                    c.text(start + w / 2, y - 3, label, fill="#202020")
                    above = start + w / 2 + half
                else:  # under it
                    c.text(start + w / 2, y + height + LABEL, label, fill="#202020")
                start += w
            else:
                y = cy - band * 0.35 + s * height
                c.bar(left, y, w, height, PALETTE[s])
                c.text(left + w + 4, y + height / 2 + 3.5, label, "start", fill="#202020")


def _legend(c: Canvas, fig: PrintedFigure) -> None:
    x = 70.0
    for s, name in enumerate(fig.series):
        if s == fig.line_series:
            c.texts.append(
                f'<path d="M{x:.2f} 17h14" stroke="{PALETTE[s]}" stroke-width="2" fill="none"/>'
            )
        else:
            c.texts.append(f'<rect x="{x:.2f}" y="12" width="10" height="10" fill="{PALETTE[s]}"/>')
        c.text(x + 16, 21, name, "start", fill="#202020")
        x += 16 + 6.2 * len(name) + 20
