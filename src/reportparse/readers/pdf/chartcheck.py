"""The chart checks itself: bar lengths and point positions follow one linear scale per value
axis, and each stacked total is the sum of its segments.

A label put on the wrong bar or point is caught here: its value does not give the length
drawn. Off by more than the label's rounding and the drawing's precision is a miss; every
miss makes the chart ``incomplete`` with the reason (``ChartReader.problems``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .chartparts import Area, Axis, Label, fit
from .chartreader import ChartReader

# the parameters of a scale: through zero (bar lengths) one, points per unit; a free line
# (the points of a line) two, the origin as well
THROUGH_ZERO, FREE = 1, 2


@dataclass(frozen=True)
class Scale:
    """A value axis as read: position along it = origin + per_unit * value (points)."""

    series: tuple[str, ...]
    origin: float
    per_unit: float
    source: str  # "tick labels", or "value labels" where the axis has none


@dataclass(frozen=True)
class _Measure:
    what: str  # how a message names the bar, total or point
    label: Label
    position: float  # a bar's signed length from its start; a point's place on the axis


def check_bars(r: ChartReader) -> list[Scale]:
    """Every bar segment, and every stack with a total, is as long as its label says, on one
    scale for all bars."""
    measures = []
    for col in r.columns:
        for b in col.bars:
            if b.label is not None:
                near, far = b.along if col.sign > 0 else b.along[::-1]
                measures.append(_Measure(r.what(b), b.label, far - near))
        if col.total is not None:
            what = f"the total of '{r.cat(col.category)}'"
            measures.append(_Measure(what, col.total, col.end - r.baseline))
    if not measures:
        return []
    names = tuple(se.name for se in r.series if se.kind == "bar")
    return _check(r, measures, names, lengths=True)


def check_points(r: ChartReader, bar_scales: list[Scale] = ()) -> list[Scale]:
    """The points of each line lie on one scale with their labels: on a value axis, but not
    on the one the bars follow when the line fits it not (a line over bars of another unit
    whose own axis is left unprinted: its labels give its scale)."""
    bars_axes = [
        a
        for a in r.axes
        if any(sc.source == "tick labels" and (sc.origin, sc.per_unit) == (a.origin, a.per_unit)
               for sc in bar_scales)
    ]  # fmt: skip
    scales = []
    for i, se in enumerate(r.series):
        mine = [p for p in r.points if p.series == i and p.label is not None]
        if mine:
            measures = [_Measure(r.what(p), p.label, p.along[0]) for p in mine]
            axes = r.axes
            if bars_axes and not _fits_an_axis(r, measures, bars_axes):
                axes = [a for a in r.axes if a not in bars_axes]
            scales += _check(r, measures, (se.name,), lengths=False, axes=axes)
    return scales


def _fits_an_axis(r: ChartReader, measures: list[_Measure], axes: list[Axis]) -> bool:
    lo, hi = r.frame.along(Area(*r.plot))
    tol = r.s.drawing_tolerance * (hi - lo)
    return any(
        not _misses(measures, a.origin, a.per_unit, tol + a.error, lengths=False) for a in axes
    )


def check_totals(r: ChartReader) -> None:
    """A stack's total is the sum of its segment labels, to their rounding (exactly, in the
    decimals printed)."""
    for col in r.columns:
        if col.total is None or any(b.label is None for b in col.bars):
            continue
        parts = sum(b.label.number.exact for b in col.bars)
        rounding = sum(b.label.number.half_unit for b in col.bars) + col.total.number.half_unit
        if abs(parts - col.total.number.exact) > rounding:
            labels = " + ".join(f"'{b.label.text.text}'" for b in col.bars)
            r.problems.append(
                f"the total '{col.total.text.text}' of '{r.cat(col.category)}' is not "
                f"the sum of its segments {labels}"
            )


def _check(
    r: ChartReader, measures: list[_Measure], names, lengths: bool, axes: list[Axis] | None = None
) -> list[Scale]:
    """Measures against the tick axes (one must hold them all), else against a scale fitted to
    them. Bar lengths scale through zero from the baseline; points on a line may not."""
    lo, hi = r.frame.along(Area(*r.plot))
    tol = r.s.drawing_tolerance * (hi - lo)
    what = "bar lengths" if lengths else f"the points of '{names[0]}'"
    best = None  # (number of misses, why, scale) on the axis that fits best
    for axis in r.axes if axes is None else axes:
        scale = Scale(names, axis.origin, axis.per_unit, "tick labels")
        if lengths and abs(r.baseline - axis.origin) > tol + axis.error:
            found = (len(measures), "the bars' baseline is not at 0 on the value axis", scale)
        else:
            origin = 0.0 if lengths else axis.origin
            misses = _misses(measures, origin, axis.per_unit, tol + axis.error, lengths)
            if not misses:
                return [scale]
            found = (len(misses), _worst(misses, measures), scale)
        best = found if best is None or found[0] < best[0] else best
    if best is not None:  # the axis is kept, to show where it puts the labels that miss
        r.problems.append(f"{what} do not follow the value axis: {best[1]}")
        return [best[2]]
    parameters = THROUGH_ZERO if lengths else FREE
    values = [m.label.value for m in measures]
    if len(measures) <= parameters or len(set(values)) < parameters:
        r.problems.append(f"too few labels to check the scale of {what}")
        return []
    if lengths:
        origin = 0.0
        per_unit = sum(m.position * v for m, v in zip(measures, values, strict=True)) / sum(
            v * v for v in values
        )
    else:
        origin, per_unit = fit(values, [m.position for m in measures])
    misses = _misses(measures, origin, per_unit, tol, lengths)
    if misses:
        r.problems.append(f"{what} do not follow one scale: {_worst(misses, measures)}")
        return []
    return [Scale(names, r.baseline if lengths else origin, per_unit, "value labels")]


def _misses(
    measures: list[_Measure], origin: float, per_unit: float, tol: float, lengths: bool
) -> list[tuple[float, str]]:
    """Measures off the scale by more than their rounding and ``tol``, worst first."""
    out = []
    how = "long" if lengths else "from 0"
    for m in measures:
        expected = origin + per_unit * m.label.value
        off = abs(m.position - expected)
        if off > abs(per_unit) * m.label.number.half + tol:
            drawn, said = abs(m.position - origin), abs(expected - origin)
            why = f"{m.what} is {drawn:.1f} pt {how} where its label '{m.label.text.text}' gives"
            out.append((off, f"{why} {said:.1f} pt"))
    return sorted(out, key=lambda miss: -miss[0])


def _worst(misses: list[tuple[float, str]], measures: list[_Measure]) -> str:
    return f"{misses[0][1]} ({len(misses)} of {len(measures)} labels off the scale)"
