"""Pictures of tables as read: the page region with the detected rows, columns and cells drawn.

Drawn with pdfplumber's ``page.to_image`` (rendered by pypdfium2, no system
packages): row bands (header rows yellow, body rows alternating blue), every
cell's box in green (a merged cell is one box), the column edges of each cell
as red lines, and for a table printed as a picture, the picture's frame in purple.

A chart read from its drawing (a figure) is drawn as read: each bar segment and point in
light green (a stack whose total was read in blue), each value label in magenta with a line
to what it labels, and in orange, across each bar or point, where the value axis as read puts
the label's value: on a chart read right, the orange line lies on the bar's end or the point.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from ..model import CellBox, ChartLabel, ChartReading, ChartScale, Table
from ..readers.pdf.chartparts import printed_number

HEADER_FILL = (255, 214, 0, 60)
ROW_FILLS = ((40, 120, 255, 40), (40, 120, 255, 16))
CELL_STROKE = (0, 150, 70)
COLUMN_STROKE = (220, 30, 30)
PICTURE_STROKE = (140, 40, 200)
ELEMENT_STROKE = (20, 190, 20)  # a bar segment or a point
TOTAL_STROKE = (0, 90, 255)  # a stack whose total was read
LABEL_STROKE = (230, 0, 130)  # a value label and its link
SCALE_STROKE = (255, 140, 0)  # where the value axis puts the label's value
POINT_RADIUS = 3.0  # pt: a point is drawn as a small square this far around it
LABEL_PADDING = 1.5  # pt: a value label's outline this far outside its glyphs
LEGEND = (
    "drawn: rows as blue bands (header rows yellow), cells as green boxes (a merged cell is "
    "one box), column edges as red lines, a table printed as a picture in a purple frame; "
    "for a chart: bars and points light green (a stack with its total blue), value labels "
    "outlined in magenta, clear of their text, with a line from the outline to what they "
    "label (the chart's caption kept in the picture), and in orange where the value axis "
    "puts each label's value"
)


def _region(boxes: list[CellBox], bbox, page) -> tuple[float, float, float, float]:
    if boxes:
        x0, top = min(b.x0 for b in boxes), min(b.top for b in boxes)
        x1, bottom = max(b.x1 for b in boxes), max(b.bottom for b in boxes)
    else:
        x0, top, x1, bottom = bbox
    margin = 12.0
    return (
        max(0.0, x0 - margin),
        max(0.0, top - margin),
        min(float(page.width), x1 + margin),
        min(float(page.height), bottom + margin),
    )


def draw_table(
    pdf: pdfplumber.PDF, table: Table, resolution: int = 144
) -> list[tuple[int, object]]:
    """``(page, PageImage)`` for each page the table is printed on; empty without a region."""
    out = []
    for number in table.pages:
        boxes = [b for b in table.cell_boxes if b.page == number]
        if not boxes and (table.bbox is None or number != table.pages[0]):
            continue
        page = pdf.pages[number - 1]
        if table.chart is not None:
            out.append((number, _draw_chart(page, table, table.chart, resolution)))
            continue
        im = page.crop(_region(boxes, table.bbox, page)).to_image(resolution=resolution)
        if boxes:
            _draw_cells(im, boxes, table.header_rows)
        else:
            im.draw_rect(
                tuple(table.bbox), fill=(0, 0, 0, 0), stroke=PICTURE_STROKE, stroke_width=3
            )
        out.append((number, im))
    return out


def _draw_cells(im, boxes: list[CellBox], header_rows: int) -> None:
    rows: dict[int, list[float]] = {}
    for b in boxes:
        band = rows.setdefault(b.row, [b.top, b.bottom])
        band[0], band[1] = min(band[0], b.top), max(band[1], b.bottom)
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    for r, (top, bottom) in sorted(rows.items()):
        fill = HEADER_FILL if r < header_rows else ROW_FILLS[r % 2]
        im.draw_rect((left, top, right, bottom), fill=fill, stroke=fill[:3], stroke_width=0)
    for b in boxes:
        im.draw_rect(
            (b.x0 + 1, b.top + 1, b.x1 - 1, b.bottom - 1),
            fill=(0, 0, 0, 0),
            stroke=CELL_STROKE,
            stroke_width=1,
        )
    for b in boxes:  # column edges where cells have them: none through a merged cell
        for x in (b.x0, b.x1):
            im.draw_line([(x, b.top), (x, b.bottom)], stroke=COLUMN_STROKE, stroke_width=2)


def _draw_chart(page, table: Table, chart: ChartReading, resolution: int):
    labels = [CellBox(0, 0, 0, *x.label) for x in chart.labels]
    caption = _caption_box(page, table.caption, table.bbox)
    boxes = [*labels, CellBox(0, 0, 0, *table.bbox)]
    if caption is not None:  # the caption stays in the picture, above or below the chart
        boxes.append(CellBox(0, 0, 0, *caption))
    im = page.crop(_region(boxes, table.bbox, page)).to_image(resolution=resolution)
    names = table.cells[0] if table.cells else []
    for x in sorted(chart.labels, key=lambda x: x.col > 0):  # stacks under their segments
        x0, top, x1, bottom = _point_box(x.element)
        stroke = TOTAL_STROKE if x.col == 0 else ELEMENT_STROKE
        im.draw_rect((x0, top, x1, bottom), fill=(0, 0, 0, 0), stroke=stroke, stroke_width=2)
        # the label's outline stands clear of its glyphs, and its link starts at the outline
        around = _padded(x.label, LABEL_PADDING)
        im.draw_rect(around, fill=(0, 0, 0, 0), stroke=LABEL_STROKE, stroke_width=1)
        if not _inside(_centre(x.label), (x0, top, x1, bottom)):  # a label beside its bar
            end = _nearest((x0, top, x1, bottom), _centre(x.label))
            link = _outside(around, end)
            if link is not None:
                im.draw_line([link, end], stroke=LABEL_STROKE, stroke_width=1)
        scale = _scale_of(x, chart, names)
        if scale is not None:
            im.draw_line(_scale_mark(x, scale, chart.vertical), stroke=SCALE_STROKE, stroke_width=2)
    return im


def _caption_box(page, caption: str | None, bbox) -> tuple[float, float, float, float] | None:
    """Where the caption is printed on the page: its words in order, across line breaks, the
    match nearest the chart (a list of figures or running text may repeat them)."""
    words = (caption or "").split()
    if not words or bbox is None:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    found = page.search(pattern, regex=True, case=True, return_chars=False)
    if not found:
        return None

    def distance(m: dict) -> float:
        return max(bbox[1] - m["bottom"], m["top"] - bbox[3], 0.0)

    best = min(found, key=distance)
    return best["x0"], best["top"], best["x1"], best["bottom"]


def _padded(box: list[float], pad: float) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    return x0 - pad, top - pad, x1 + pad, bottom + pad


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _nearest(box: tuple[float, float, float, float], point: tuple[float, float]):
    """The point of ``box`` nearest to ``point``: where a link from outside meets it."""
    return min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])


def _outside(box: tuple[float, float, float, float], target: tuple[float, float]):
    """Where the line from the box's centre to ``target`` leaves the box; None when the
    target lies inside it (the label sits on what it labels: no line is needed)."""
    x0, top, x1, bottom = box
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    dx, dy = target[0] - cx, target[1] - cy
    if _inside(target, box):
        return None
    scales = [s for s in ((x1 - cx) / abs(dx) if dx else None,
                          (bottom - cy) / abs(dy) if dy else None) if s is not None]  # fmt: skip
    t = min(scales)
    return cx + dx * t, cy + dy * t


def _point_box(box: list[float]) -> tuple[float, float, float, float]:
    """A bar's box as it is; a point (a box of no size) as a small square around it."""
    x0, top, x1, bottom = box
    if x1 - x0 > 0 and bottom - top > 0:
        return x0, top, x1, bottom
    r = POINT_RADIUS
    return x0 - r, top - r, x1 + r, bottom + r


def _centre(box: list[float]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _scale_of(x: ChartLabel, chart: ChartReading, names: list[str]) -> ChartScale | None:
    """The scale of a label's series; for a stack's total, the scale of its segments."""
    if x.col > 0:
        series = names[x.col] if x.col < len(names) else None
        return next((s for s in chart.scales if series in s.series), None)
    x0, top, x1, bottom = x.element
    for other in chart.labels:
        ox0, otop, ox1, obottom = other.element
        inside = x0 <= ox0 and ox1 <= x1 and top <= otop and obottom <= bottom
        if other.col > 0 and other.row == x.row and inside:
            return _scale_of(other, chart, names)
    return None


def _scale_mark(x: ChartLabel, scale: ChartScale, vertical: bool) -> list[tuple[float, float]]:
    """A line across the bar or point where the scale puts the label's value: from the bar's
    end at its baseline side (a point: from the axis origin), its value in points further."""
    x0, top, x1, bottom = _point_box(x.element)
    near, far = (-bottom, -top) if vertical else (x0, x1)
    number = printed_number(x.text)
    value = number.value if number is not None else 0.0
    if x.element[0] == x.element[2]:  # a point
        start = scale.origin
    else:  # a bar: its length from the end nearer the baseline
        start = near if abs(near - scale.origin) <= abs(far - scale.origin) else far
    at = start + scale.per_unit * value
    if vertical:
        return [(x0, -at), (x1, -at)]
    return [(at, top), (at, bottom)]


def save_table_images(pdf_path: Path, table: Table, folder: Path, stem: str) -> list[Path]:
    """PNG files of ``table`` in ``folder``: ``STEM.png``, and ``STEM-pN.png`` for later pages."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with pdfplumber.open(pdf_path) as pdf:
        for i, (number, im) in enumerate(draw_table(pdf, table)):
            path = folder / (f"{stem}.png" if i == 0 else f"{stem}-p{number}.png")
            im.save(path, format="PNG")
            paths.append(path)
    return paths
