"""Charts of a core indicator over the years, for the quality report.

Every year from the first to the last is on the axis, and a year without a value is a gap
in its line (the line is not drawn across it). Each point is labelled with its value as
printed, in its line's colour on a white ground; a label that would overlap another label
or a point is moved up above it, so that no two labels overlap and no label hides a point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .values import printed

LABEL_GAP = 2.0  # pixels between a label and the point or label below it
LABEL_SIZE = 7  # points
MARKER_SIZE = 4  # points across a point's marker


@dataclass
class Drawing:
    """What a chart shows: per line its value for every year of the axis (None: a gap), and
    each label's text and box in pixels (x0, y0, x1, y1) in the saved picture."""

    years: list[int]
    lines: dict[str, list[float | None]] = field(default_factory=dict)
    labels: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)


def draw(points: pd.DataFrame, unit: str, path: Path) -> Drawing:
    """Save a line chart of ``points`` (columns ``category``, ``year``, ``value``) to ``path``:
    one line per category, ``alle`` first."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    years = list(range(int(points["year"].min()), int(points["year"].max()) + 1))
    categories = sorted(points["category"].unique(), key=lambda c: (c != "alle", c))
    several = len(categories) > 1
    fig, ax = plt.subplots(figsize=(6.4 if several else 4.2, 2.6), dpi=100)
    drawing = Drawing(years)
    annotations = []
    for category in categories:
        g = points[points["category"] == category]
        by_year = dict(zip(g["year"].astype(int), g["value"].astype(float), strict=True))
        values = [by_year.get(y) for y in years]
        drawing.lines[category] = values
        ys = [float("nan") if v is None else v for v in values]  # NaN breaks the line
        (line,) = ax.plot(years, ys, marker="o", markersize=MARKER_SIZE, label=category)
        for year, value in by_year.items():
            text = ax.annotate(
                printed(value, unit),
                (year, value),
                textcoords="offset points",
                xytext=(0, 0),
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE,
                color=line.get_color(),
                annotation_clip=False,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
                      "alpha": 0.85},
            )  # fmt: skip
            annotations.append(text)
    ax.set_xticks(years, [str(y) for y in years])
    ax.tick_params(labelsize=7)
    ax.margins(x=0.12, y=0.25)
    if points["value"].min() >= 0:
        ax.set_ylim(bottom=0)
    if several:
        ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    _place_labels(fig, ax, annotations)
    _fit_labels(fig, ax, annotations)
    fig.savefig(path, metadata={"Software": None})
    renderer = fig.canvas.get_renderer()
    height = fig.bbox.height
    for a in annotations:  # boxes with the origin at the picture's top left, as a browser's
        box = a.get_window_extent(renderer)
        drawing.labels.append((a.get_text(), (box.x0, height - box.y1, box.x1, height - box.y0)))
    plt.close(fig)
    return drawing


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _place_labels(fig, ax, annotations) -> None:
    """Put each label just above its point, lowest points first; a label that would overlap
    a point or a label already placed goes above it."""
    from matplotlib.transforms import Bbox

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    points_per_pixel = 72.0 / fig.dpi
    radius = MARKER_SIZE / 2 / points_per_pixel + 1
    placed = [  # every point's marker
        Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
        for x, y in (ax.transData.transform(a.xy) for a in annotations)
    ]
    order = sorted(annotations, key=lambda a: ax.transData.transform(a.xy)[1])
    for a in order:
        point_y = ax.transData.transform(a.xy)[1]
        lift = radius + LABEL_GAP
        while True:
            a.xyann = (0, lift * points_per_pixel)
            box = a.get_window_extent(renderer)
            hits = [p for p in placed if _overlap(box, p)]
            if not hits:
                break
            lift = max(p.y1 for p in hits) + LABEL_GAP - point_y
        placed.append(box)


def _fit_labels(fig, ax, annotations) -> None:
    """Raise the top of the axes until every label is inside them, then place again."""
    renderer = fig.canvas.get_renderer()
    for _ in range(5):
        top = max((a.get_window_extent(renderer).y1 for a in annotations), default=0)
        room = ax.bbox.y1 - LABEL_GAP
        if top <= room:
            return
        low, high = ax.get_ylim()
        per_pixel = (high - low) / ax.bbox.height
        ax.set_ylim(low, high + (top - room) * per_pixel)
        _place_labels(fig, ax, annotations)
