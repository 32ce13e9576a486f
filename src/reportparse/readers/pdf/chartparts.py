"""The parts of a vector chart as the chart reader sees them, and the numbers printed on it.

Coordinates: "across" runs along the category axis, "along" along the value axis, growing
with the value (upwards for standing bars, rightwards for lying ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ...text.printed import ASTERISKS
from .layout import Segment
from .marks import Colour

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom
LABEL = re.compile(
    r"^(?P<sign>[-−–])?\s?(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:[,.](?P<dec>\d+))?\s?(?P<pct>%)?$"
)
YEAR = re.compile(r"^(1[89]|20)\d\d$")  # a legend may name its series by year
HALF = Decimal("0.5")


class Unreadable(Exception):
    """The chart cannot be put in a table; the message says why."""


@dataclass(frozen=True)
class Printed:
    """A number as printed on a label ("2 186", "12,5 %", "−4,5"): its exact value and half a
    unit of its last digit, which is what rounding may hide."""

    exact: Decimal
    half_unit: Decimal

    @property
    def value(self) -> float:
        return float(self.exact)

    @property
    def half(self) -> float:
        return float(self.half_unit)


def printed_number(text: str) -> Printed | None:
    """The number a label prints, or None if the label is not just a number."""
    m = LABEL.match(text.strip())
    if not m:
        return None
    dec = m["dec"] or ""
    exact = Decimal(m["int"].replace(" ", "") + ("." + dec if dec else ""))
    return Printed(-exact if m["sign"] else exact, HALF.scaleb(-len(dec)))


def name(text: str) -> str:
    """A legend or category name as printed, note markers and extra spaces taken out."""
    return " ".join(ASTERISKS.sub("", text).split())


@dataclass(frozen=True)
class Frame:
    vertical: bool  # bars stand on a horizontal axis and grow upwards

    def across(self, b) -> tuple[float, float]:
        return (b.x0, b.x1) if self.vertical else (b.top, b.bottom)

    def along(self, b) -> tuple[float, float]:
        return (-b.bottom, -b.top) if self.vertical else (b.x0, b.x1)


@dataclass(frozen=True)
class Area:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Label:
    text: Segment
    number: Printed

    @property
    def value(self) -> float:
        return self.number.value

    @property
    def box(self) -> Rect:
        return (self.text.x0, self.text.top, self.text.x1, self.text.bottom)


@dataclass
class Series:
    name: str
    colour: Colour | None
    kind: str  # "bar" or "line"


@dataclass
class Element:
    """A bar segment, or a line point (a box of no size)."""

    series: int
    x0: float
    top: float
    x1: float
    bottom: float
    across: tuple[float, float] = (0.0, 0.0)
    along: tuple[float, float] = (0.0, 0.0)
    label: Label | None = None
    category: int | None = None

    @property
    def box(self) -> Rect:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class Column:
    """The bar segments at one place of the category axis, from the baseline outwards."""

    bars: list[Element]
    sign: int  # 1 grows from the baseline, -1 hangs from it
    total: Label | None = None

    @property
    def across(self) -> tuple[float, float]:
        return self.bars[0].across

    @property
    def end(self) -> float:
        return self.bars[-1].along[1] if self.sign > 0 else self.bars[-1].along[0]

    @property
    def category(self) -> int | None:
        return self.bars[0].category

    @property
    def box(self) -> Rect:
        return bbox(self.bars)


@dataclass
class Category:
    text: str
    centre: float  # on the across axis
    texts: list[Segment]


@dataclass
class Axis:
    """Tick labels along the value axis: position = origin + per_unit * value."""

    origin: float
    per_unit: float
    error: float  # how far a position read off this axis may be off (points)


def bbox(items) -> Rect:
    return (
        min(i.x0 for i in items),
        min(i.top for i in items),
        max(i.x1 for i in items),
        max(i.bottom for i in items),
    )


def centre(t) -> tuple[float, float]:
    return (t.x0 + t.x1) / 2, (t.top + t.bottom) / 2


def holds(outer, inner) -> bool:
    """The outer box holds the inner one's centre and is larger: a background, not a bar."""
    bigger = outer.width * outer.height > inner.width * inner.height
    return bigger and outer.x0 < inner.cx < outer.x1 and outer.top < inner.cy < outer.bottom


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares line y = a + b x: (a, b)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    return my - b * mx, b


def pitch(centres: list[float]) -> float | None:
    """The smallest distance between neighbouring centres."""
    cs = sorted(centres)
    return min((b - a for a, b in pairwise(cs)), default=None)
