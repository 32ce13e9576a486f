"""Pictures of tables as read: the page region with the detected rows, columns and cells drawn.

Drawn with pdfplumber's ``page.to_image`` (rendered by pypdfium2, no system
packages): row bands (header rows yellow, body rows alternating blue), every
cell's box in green (a merged cell is one box), the column edges of each cell
as red lines, and for a table printed as a picture, the picture's frame in purple.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from ..model import CellBox, Table

HEADER_FILL = (255, 214, 0, 60)
ROW_FILLS = ((40, 120, 255, 40), (40, 120, 255, 16))
CELL_STROKE = (0, 150, 70)
COLUMN_STROKE = (220, 30, 30)
PICTURE_STROKE = (140, 40, 200)
LEGEND = (
    "drawn: rows as blue bands (header rows yellow), cells as green boxes (a merged cell is "
    "one box), column edges as red lines, a table printed as a picture in a purple frame"
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
