"""The paths of a page as marks: box, fill and stroke colour, and points.

This is what the page layout keeps of the drawings (rectangles, lines, curves) so that a
chart can be read: a bar is known by its box and fill colour, a line series by its stroke
colour and points. Colours are RGB triples in 0..1.

A colour is taken only where the path uses it: the fill colour of a filled path, the
stroke colour of a stroked one (the graphics state's last fill colour on a stroke-only path
belongs to some other path).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...specs.settings import LAYOUT, LayoutSettings
from .geometry import Centred
from .objects import PageObjects

Colour = tuple[float, float, float]
GRAY, RGB, CMYK = 1, 3, 4  # the number of components of a colour in each colour space
CORNERS = 4


@dataclass(frozen=True)
class Mark(Centred):
    kind: str  # "rect", "line" or "curve"
    x0: float
    top: float
    x1: float
    bottom: float
    fill: Colour | None  # the fill colour of a filled path
    stroke: Colour | None  # the stroke colour of a stroked path
    pts: tuple[tuple[float, float], ...] = ()  # the path's points (x, top)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


def rgb(colour, settings: LayoutSettings = LAYOUT) -> Colour | None:
    """A colour (gray, RGB or CMYK, a number or a tuple) as RGB; None if unknown."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(
        isinstance(c, (int, float)) for c in colour
    ):
        return None  # a pattern or a shading: no one colour
    if len(colour) == GRAY:
        values = (colour[0],) * RGB
    elif len(colour) == RGB:
        values = tuple(colour)
    elif len(colour) == CMYK:
        c, m, y, k = colour
        values = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return tuple(round(float(min(1, max(0, v))), settings.colour_digits) for v in values)


def _is_box(pts, settings: LayoutSettings) -> bool:
    """A closed path of four corners with axis-parallel sides (a bar drawn as a path), however
    its program spells it: from any point of a side (a point in the middle of a side is no
    corner), closed or back to its start."""
    digits = settings.corner_digits
    ring = [(round(x, digits), round(y, digits)) for x, y in pts]
    ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    corners = [
        p for i, p in enumerate(ring) if not _straight(ring[i - 1], p, ring[(i + 1) % len(ring)])
    ]
    if len(corners) != CORNERS:
        return False
    xs = {x for x, _ in corners}
    ys = {y for _, y in corners}
    sides = zip(corners, corners[1:] + corners[:1], strict=True)
    return len(xs) == len(ys) == 2 and all(a[0] == b[0] or a[1] == b[1] for a, b in sides)


def _straight(a, p, b) -> bool:
    """``p`` lies on an axis-parallel side from ``a`` to ``b``."""
    return (a[0] == p[0] == b[0]) or (a[1] == p[1] == b[1])


def page_marks(page: PageObjects, settings: LayoutSettings = LAYOUT) -> list[Mark]:
    """Every rectangle, line and curve of a page, with its colours."""
    marks = []
    for kind, objects in (("rect", page.rects), ("line", page.lines), ("curve", page.curves)):
        for o in objects:
            pts = tuple((float(x), float(y)) for x, y in o.pts)
            box = kind == "curve" and o.fill and _is_box(pts, settings)
            marks.append(
                Mark(
                    kind="rect" if box else kind,
                    x0=float(o.x0),
                    top=float(o.top),
                    x1=float(o.x1),
                    bottom=float(o.bottom),
                    fill=rgb(o.non_stroking_color, settings) if o.fill else None,
                    stroke=rgb(o.stroking_color, settings) if o.stroke else None,
                    pts=pts,
                )
            )
    return marks
