"""Zebra tables whose bands are filled cell by cell, as a browser prints a table row's
background: one box per cell, in one colour, each flush against the next. Cells of one
colour side by side show no edge between them, so each band is one band, not a grid of
its own; the table is read whole, its white rows with it. The cells expected are those
drawn."""

from __future__ import annotations

from itertools import pairwise

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

HEAD = (0.79, 0.84, 0.90)
BAND = (0.91, 0.93, 0.96)
X = [63.0, 238.5, 319.5, 393.0, 467.25]
ROW = 16.5
HEADER = [
    ["Tiltak i introduksjonsprogrammet", "Andel av deltakerne i program", "", ""],
    ["", "2024 N=27 820", "2025 N=23 599", "2026 N=14 319"],
]
BODY = [
    ["Opplæring i norsk og samfunnskunnskap", "24 %", "70 %", "94 %"],
    ["Arbeidsrettede tiltak", "95 %", "89 %", "50 %"],
    ["Andre integreringstiltak", "52 %", "19 %", "30 %"],
    ["Utdanningsrettede tiltak", "75 %", "6 %", "9 %"],
    ["Ingen tiltak", "53 %", "7 %", "90 %"],
]
TOP = 700.0


def _cell(c, colour, x0: float, x1: float, top: float, rows: int = 1) -> None:
    c.setFillColorRGB(*colour)
    c.rect(x0, top - ROW * rows, x1 - x0, ROW * rows, stroke=0, fill=1)


def _draw(path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(X[0], TOP + 14, "Tabell 1: Deltakelse i tiltak fordelt på tiltaksgrupper")
    # the header: the stub head spans both rows, the group head the three year columns
    _cell(c, HEAD, X[0], X[1], TOP, rows=2)
    _cell(c, HEAD, X[1], X[4], TOP)
    for a, b in pairwise(X[1:]):
        _cell(c, HEAD, a, b, TOP - ROW)
    for r in range(1, len(BODY), 2):  # every other body row filled, cell by cell
        for a, b in pairwise(X):
            _cell(c, BAND, a, b, TOP - ROW * (2 + r))
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 9)
    for r, row in enumerate([*HEADER, *BODY]):
        for x, text in zip(X, row, strict=False):
            c.drawString(x + 5, TOP - ROW * r - 12, text)
    c.save()


def test_cells_of_one_colour_side_by_side_draw_no_rule_between_them(tmp_path):
    path = tmp_path / "zebra.pdf"
    _draw(path)
    pdf = open_pdf(path.read_bytes())
    try:
        (page,) = page_layouts(pdf)
    finally:
        pdf.close()
    hs, vs, fills = page.hrulings, page.vrulings, page.fills
    assert len(fills) == 2 + 3 + 4 * 2  # every box is still a fill
    assert sorted({round(v.pos, 2) for v in vs}) == [X[0], X[-1]]  # the bands' outer edges
    # rules only where a band meets the white page: none between the two header rows
    tops = sorted({round(h.pos, 2) for h in hs})
    assert tops == [round(A4[1] - TOP + ROW * k, 2) for k in (0, 2, 3, 4, 5, 6)]


def test_a_zebra_table_filled_cell_by_cell_is_read_whole(tmp_path):
    path = tmp_path / "zebra.pdf"
    _draw(path)
    assert [t.cells for t in read_tables(path.read_bytes())] == [[*HEADER, *BODY]]
