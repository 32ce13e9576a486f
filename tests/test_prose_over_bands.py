"""Running text set right over a table, drawn here: two columns of short prose over a table
whose header stands in filled cells, with zebra rows and its caption under it (layout
fuzzer seed 466823818, Chromium and WeasyPrint). Read as ``make extract`` reads it, by its
caption, the prose is no header of the table; the cells expected are those drawn."""

from __future__ import annotations

from itertools import pairwise

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.model import ContentMode, TableStatus
from reportparse.readers.pdf.content import read_content
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

LEFT = [
    "Introduksjonsprogrammet er et",
    "opplæringsprogram som skal forberede",
    "nyankomne innvandrere til å delta i det norske",
    "arbeidslivet.",
]
RIGHT = ["Fordrevne fra Ukraina utgjorde den største", "gruppen med i overkant av 30000 deltakere."]
HEADER = [
    ["Tiltak i introduksjonsprogrammet", "Andel av deltakerne i program", "", ""],
    ["", "2023 N=15524", "2024 N=9428", "2025 N=22204"],
]
BODY = [
    ["Opplæring i norsk og samfunnskunnskap", "53,1 %", "99,4 %", "88,8 %"],
    ["Arbeidsrettede tiltak", "92,4 %", "70,1 %", "84,0 %"],
    ["Andre integreringstiltak", "10,0 %", "9,4 %", "42,6 %"],
    ["Utdanningsrettede tiltak", "17,9 %", "33,2 %", "50,2 %"],
    ["Foreldreveiledning", "36,2 %", "69,4 %", "41,9 %"],
]
H = 842.0  # A4's height: the drawing below is set from the top, as a page reads
COLUMNS = [63.0, 238.0, 310.0, 376.0, 448.0]  # the cells' edges, each cell filled apart
ROW = 16.0


def _fill(c, top: float, bottom: float, x0: float, x1: float, grey: float) -> None:
    c.setFillColorRGB(grey, grey + 0.03, grey + 0.08)
    c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)


def _text(c, x: float, top: float, text: str, right: bool = False) -> None:
    (c.drawRightString if right else c.drawString)(x, H - top - 8, text)


def _page(path) -> None:
    """Laid out as a browser prints it: the right column's paragraph set a little higher,
    its lines wider than the table; the header's cells and every other row filled."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(63, H - 80, "1. Deltakere i introduksjonsprogram")
    c.setFont("Helvetica", 10)
    for i, line in enumerate(RIGHT):
        _text(c, 312, 99 + 13 * i, line)
    for i, line in enumerate(LEFT):
        _text(c, 63, 109 + 13.5 * i, line)
    top = 166.0
    _fill(c, top, top + 2 * ROW, COLUMNS[0], COLUMNS[1], 0.78)
    _fill(c, top, top + ROW, COLUMNS[1], COLUMNS[4], 0.78)
    for a, b in pairwise(COLUMNS[1:]):
        _fill(c, top + ROW, top + 2 * ROW, a, b, 0.78)
    c.setFont("Helvetica-Bold", 9)
    _text(c, 69, top + 2, HEADER[0][0])
    _text(c, 245, top + 2, HEADER[0][1])
    for k in (1, 2, 3):
        _text(c, COLUMNS[k + 1] - 7, top + ROW + 2, HEADER[1][k], right=True)
    c.setFont("Helvetica", 9)
    for r, row in enumerate(BODY):
        y = top + ROW * (r + 2)
        if r % 2:
            for a, b in pairwise(COLUMNS):
                _fill(c, y, y + ROW, a, b, 0.9)
        _text(c, 69, y + 2, row[0])
        for k in (1, 2, 3):
            _text(c, COLUMNS[k + 1] - 7, y + 2, row[k], right=True)
    c.setFont("Helvetica-Oblique", 9.5)
    caption = "Tabell 1. Deltakelse i tiltak fordelt på tiltaksgrupper"
    _text(c, 63, top + ROW * (len(BODY) + 2) + 6, caption)
    c.save()


def test_two_columns_of_prose_over_a_filled_header_band_are_no_header_rows(tmp_path):
    path = tmp_path / "prose.pdf"
    _page(path)
    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    tables = {t.table_id: t for t in read_content(layouts, ContentMode.SPEC).tables}
    table = tables["tabell-1"]
    assert (table.status, table.header_rows) == (TableStatus.EXTRACTED, 2)
    assert table.cells == HEADER + BODY
