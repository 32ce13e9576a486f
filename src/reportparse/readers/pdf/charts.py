"""Vector charts read into the table of their value labels.

A chart exported to PDF from Excel, Word, PowerPoint or matplotlib is drawn as paths (bars,
lines, legend swatches) and text (value labels, category labels, legend, axis ticks). Next to
a "Figur N" caption this module finds the drawing and its text; ``chartreader`` tells the
parts apart by geometry and colour, and ``chartcheck`` checks the reading. The result is the
chart's data as printed: one row per category in the order drawn, one column per series
named as in the legend, the value labels as cells, an empty stub header.

A chart that can be read in two ways, or fails a check, is ``incomplete`` with the reason; a
picture is ``image_only``; a caption with nothing drawn next to it is ``failed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...model import TableMethod, TableStatus
from ...specs.settings import CHARTS, ChartSettings
from .captions import Caption
from .chartcheck import Scale, check_bars, check_points, check_totals
from .chartparts import Rect, Unreadable, bbox, centre
from .chartreader import ChartReader
from .geometry import connected_groups
from .layout import Box, Segment
from .marks import Mark

SIDES = (None, "above", "below")  # the nearest drawing; the drawing above or below the caption
PICTURE = "the chart is a picture (raster image); its values are not read"
NOTHING = "no drawing next to the caption"


@dataclass(frozen=True)
class Reading:
    """A label and what it was read from: a cell (row, col), or a stack's total (col 0)."""

    row: int
    col: int
    text: str
    element: Rect  # the bar segment, the whole stack (a total) or the point
    label: Rect


@dataclass
class Chart:
    caption: Caption
    status: TableStatus
    reason: str = ""
    method: TableMethod = TableMethod.VECTOR_CHART
    cells: list[list[str]] = field(default_factory=list)
    kind: str = ""  # "stacked vertical bars", "vertical bars and line", ...
    vertical: bool = True  # bars stand on a horizontal category axis; lines run left to right
    bbox: Rect | None = None
    readings: list[Reading] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    texts: list[Segment] = field(default_factory=list)  # the text read as part of the chart


def read_charts(
    captions: Sequence[Caption],
    texts: Sequence[Segment],
    marks: Sequence[Mark],
    images: Sequence[Box] = (),
    settings: ChartSettings = CHARTS,
) -> list[Chart]:
    """The chart of every "Figur" caption of a page. ``captions`` are all the page's captions:
    a drawing belongs to the caption nearest to it, or, where the page's charts read better
    so, to the caption on one side of it for all of them (a document prints its captions
    over its charts or under them)."""
    drawings: dict[float, list] = {}
    for caption in captions:
        gap = settings.cluster_gap * caption.size
        if caption.kind == "figur" and gap not in drawings:
            drawings[gap] = _drawings(marks, captions, gap, settings)
    best: tuple | None = None
    for side in SIDES:
        charts = [
            _read(c, captions, texts, drawings[settings.cluster_gap * c.size], images, settings,
                  side)
            for c in captions
            if c.kind == "figur"
        ]  # fmt: skip
        score = (
            sum(c.status == TableStatus.EXTRACTED for c in charts),
            sum(c.reason != NOTHING for c in charts),
        )
        if best is None or score > best[0]:  # the nearest drawing unless a side reads better
            best = (score, charts)
    charts = best[1] if best else []
    return [c for c in charts if not (c.caption.loose and c.reason == NOTHING)]  # else text


def _read(caption, captions, texts, found_drawings, images, s: ChartSettings, side=None) -> Chart:
    drawings, loose = found_drawings
    others = [c for c in captions if c is not caption]
    candidates = drawings + [((im.x0, im.top, im.x1, im.bottom), None) for im in images]
    found = _nearest(caption, candidates, others, texts, s, side)
    if found is None:
        return Chart(caption, TableStatus.FAILED, NOTHING)
    box, group = found
    if group is None:
        return Chart(caption, TableStatus.IMAGE_ONLY, PICTURE, TableMethod.IMAGE, bbox=box)
    group = _on_panel(group, s)
    box = bbox(group)
    swatches = _swatches(box, texts, captions, loose, s)
    if swatches:
        group = group + swatches
        box = bbox(group)
    chart = Chart(caption, TableStatus.EXTRACTED, bbox=box)
    reader = ChartReader(_texts_near(box, texts, captions, s), group, s)
    try:
        reader.read()
        bar_scales = check_bars(reader)
        chart.scales = bar_scales + check_points(reader, bar_scales)
        check_totals(reader)
        chart.kind, chart.vertical = reader.kind(), reader.frame.vertical
        chart.cells, readings = reader.table()
        chart.readings = [Reading(*r) for r in readings]
    except Unreadable as exc:
        reader.problems = [str(exc)]
        chart.cells, chart.readings, chart.scales = [], [], []
    chart.texts = list(reader.used.values())
    if reader.problems:
        chart.status, chart.reason = TableStatus.INCOMPLETE, "; ".join(reader.problems)
    return chart


# ---------------------------------------------------------------- the drawing


def _drawings(marks, captions, gap: float, s: ChartSettings):
    """Groups of marks closer than ``gap``, and the marks of groups too small to be a chart
    (a legend's swatches set apart by the category labels); a mark around a caption is the
    page, not a chart."""
    centres = [centre(c) for c in captions]
    usable = [
        m
        for m in marks
        if not any(m.x0 <= x <= m.x1 and m.top <= y <= m.bottom for x, y in centres)
    ]
    groups = connected_groups([(m.x0, m.top, m.x1, m.bottom) for m in usable], gap)
    drawings = [
        (bbox([usable[i] for i in g]), [usable[i] for i in g])
        for g in groups
        if len(g) >= s.min_marks
    ]
    loose = [usable[i] for g in groups if len(g) < s.min_marks for i in g]
    return drawings, loose


def _on_panel(group: list[Mark], s: ChartSettings) -> list[Mark]:
    """The marks on the chart's white panel, where it has one (the largest white box, under
    every coloured mark): a table's rules printed next to it are not the chart's."""
    white = [m for m in group if m.fill is not None and min(m.fill) >= s.white]
    if not white:
        return group
    panel = max(white, key=lambda m: m.width * m.height)
    coloured = [m for m in group if _colour_of(m) is not None and min(_colour_of(m)) < s.white]

    def on(m: Mark) -> bool:
        return panel.x0 <= m.cx <= panel.x1 and panel.top <= m.cy <= panel.bottom

    if not coloured or not all(on(m) for m in coloured if not _grey(m, s)):
        return group
    return [m for m in group if on(m)]


def _colour_of(m: Mark):
    return m.fill if m.fill is not None else m.stroke


def _grey(m: Mark, s: ChartSettings) -> bool:
    """A mark in a grey (rules, gridlines, text-coloured lines), not a series' colour."""
    c = _colour_of(m)
    return c is not None and max(c) - min(c) <= s.grey


def _swatches(box: Rect, texts, captions, loose, s: ChartSettings) -> list[Mark]:
    """Small marks that belong to a drawing though apart from its paths: filled boxes no
    larger than a line of text, each right next to a text that stands by the drawing (a legend
    under the category labels, as browsers' charts print it)."""
    labels = _texts_near(box, texts, captions, s)  # the drawing with its labels, then
    x0, top, x1, bottom = box  # what is by them
    extent = (
        min([x0, *(t.x0 for t in labels)]), min([top, *(t.top for t in labels)]),
        max([x1, *(t.x1 for t in labels)]), max([bottom, *(t.bottom for t in labels)]),
    )  # fmt: skip
    near = _texts_near(extent, texts, captions, s)
    out = []
    for m in loose:
        if m.fill is None:
            continue
        for t in near:
            small = max(m.x1 - m.x0, m.bottom - m.top) <= s.swatch_size * t.size
            beside = abs((m.top + m.bottom) / 2 - (t.top + t.bottom) / 2) <= t.size / 2
            if small and beside and 0 <= t.x0 - m.x1 <= s.text_reach * t.size:
                out.append(m)
                break
    return out


def _nearest(caption, candidates, others, texts, s: ChartSettings, side=None):
    """The drawing or picture right above or below the caption (on ``side`` of it, if
    given), not nearer to another one (on the same side of that one): within
    ``caption_reach``, or within ``caption_reach_clear`` where nothing is printed between
    them (the drawing's own labels are part of it)."""
    best = None
    for box, group in candidates:
        gap = _gap(caption, box, s, side)
        if gap is None or gap > s.caption_reach_clear * caption.size:
            continue
        if gap > s.caption_reach * caption.size and not _clear(caption, box, texts, others, s):
            continue
        if any(_between(o, caption, box) or _nearer(o, box, gap, s, side) for o in others):
            continue
        if best is None or gap < best[0]:
            best = (gap, box, group)
    return None if best is None else best[1:]


def _gap(caption, box: Rect, s: ChartSettings, side=None) -> float | None:
    """Vertical gap from the caption to a box above or below it (on ``side`` of it, if
    given) that it overlaps in x."""
    x0, top, x1, bottom = box
    if min(x1, caption.x1) <= max(x0, caption.x0):
        return None
    slack = s.align * caption.size
    if top >= caption.bottom - slack and side != "above":
        return max(0.0, top - caption.bottom)
    if bottom <= caption.top + slack and side != "below":
        return max(0.0, caption.top - bottom)
    return None


def _clear(caption, box: Rect, texts, captions, s: ChartSettings) -> bool:
    """Whether nothing but the drawing's own labels is printed between the caption and
    ``box`` (the texts that stand across both in x)."""
    own = {id(t) for t in _texts_near(box, texts, captions, s)}
    x0, top, x1, bottom = box
    lo, hi = (caption.bottom, top) if top >= caption.bottom else (bottom, caption.top)
    left, right = max(x0, caption.x0), min(x1, caption.x1)
    for t in texts:
        if id(t) in own or id(t) in {id(seg) for seg in caption.segments}:
            continue
        if t.bottom > lo and t.top < hi and t.x1 > left and t.x0 < right:
            return False
    return True


def _nearer(other, box: Rect, gap: float, s: ChartSettings, side=None) -> bool:
    theirs = _gap(other, box, s, side)
    return theirs is not None and theirs < gap


def _between(other, caption, box: Rect) -> bool:
    """Another caption stands between the caption and the box, over or under the box."""
    x0, top, x1, bottom = box
    mid = (other.top + other.bottom) / 2
    lo, hi = sorted(((caption.top + caption.bottom) / 2, (top + bottom) / 2))
    return lo < mid < hi and min(x1, other.x1) > max(x0, other.x0)


def _texts_near(box: Rect, texts, captions, s: ChartSettings) -> list[Segment]:
    """The drawing's own text: inside it or just outside, and not a caption."""
    x0, top, x1, bottom = box
    out = []
    for t in texts:
        pad = s.text_reach * t.size
        cx, cy = centre(t)
        if any(c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom for c in captions):
            continue
        across = t.x1 >= x0 - pad and t.x0 <= x1 + pad
        if across and t.bottom >= top - pad and t.top <= bottom + pad:
            out.append(t)
    return out
